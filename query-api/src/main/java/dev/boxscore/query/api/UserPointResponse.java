package dev.boxscore.query.api;

import java.math.BigDecimal;
import java.time.Instant;

/** A user's calls, cost and errors in one bucket of time. */
public record UserPointResponse(Instant time, long calls, BigDecimal costUsd, long errors) {}
