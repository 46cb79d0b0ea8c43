package dev.boxscore.storage.alerts;

import java.time.Instant;

/**
 * A page of history: events in [from, to), of one rule when {@code ruleId} is not null, older than
 * the cursor (at, event id) when one is given.
 */
public record EventQuery(
    Instant from, Instant to, String ruleId, int limit, Instant cursorAt, String cursorId) {}
