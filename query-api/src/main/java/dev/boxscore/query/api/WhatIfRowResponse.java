package dev.boxscore.query.api;

import java.math.BigDecimal;

/**
 * One service's (or the total's) real cost and its cost had every priced call used the target
 * model. {@code difference} = whatIf − actual over the calls both can price.
 */
public record WhatIfRowResponse(
    String service,
    long calls,
    long comparedCalls,
    BigDecimal actualUsd,
    BigDecimal whatIfUsd,
    BigDecimal differenceUsd,
    long unpricedCalls,
    boolean estimated) {}
