package dev.boxscore.storage.users;

import java.time.Instant;

/**
 * One end user's LLM calls in a range: counts, tokens, cost at the prices the query API resolved
 * ({@code unpricedCalls} had none), distinct traces and sessions, first and last call.
 */
public record UserTotals(
    String userId,
    long calls,
    long errors,
    long traces,
    long sessions,
    long inputTokens,
    long outputTokens,
    double costUsd,
    long unpricedCalls,
    Instant firstSeen,
    Instant lastSeen) {}
