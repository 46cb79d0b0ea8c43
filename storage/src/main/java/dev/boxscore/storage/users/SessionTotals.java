package dev.boxscore.storage.users;

import java.time.Instant;

/**
 * One conversation's LLM calls: its user, distinct traces, calls, errors, cost, and the time from
 * its first call's start to its last call's end.
 */
public record SessionTotals(
    String sessionId,
    String userId,
    long traces,
    long calls,
    long errors,
    double costUsd,
    Instant start,
    Instant end) {}
