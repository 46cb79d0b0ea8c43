package dev.boxscore.storage.search;

import java.time.LocalDate;

/**
 * What the project pays per million tokens for the calls of one provider, request and response
 * model on one UTC day, as the query API resolved it from its prices: the search prices calls with
 * these figures, so "cost:>0.01" agrees with the cost the trace list shows. Cache prices default to
 * input, reasoning to output, before they get here.
 */
public record UnitPrice(
    String provider,
    String requestModel,
    String responseModel,
    LocalDate day,
    double input,
    double output,
    double cacheRead,
    double cacheWrite,
    double reasoning) {}
