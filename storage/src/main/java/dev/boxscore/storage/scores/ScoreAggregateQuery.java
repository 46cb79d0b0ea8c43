package dev.boxscore.storage.scores;

import dev.boxscore.storage.analytics.CallFilter;
import dev.boxscore.storage.analytics.Dimension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Scores of the calls that started in [from, to) and match {@code filter}, grouped by {@code
 * groupBy} (any of service, provider, model, request/response model, prompt fingerprint/version,
 * user, session) and by {@code bucket} (null: the whole range). Null {@code name}, {@code userId},
 * {@code sessionId}: any.
 */
public record ScoreAggregateQuery(
    Instant from,
    Instant to,
    CallFilter filter,
    String userId,
    String sessionId,
    String name,
    List<Dimension> groupBy,
    Duration bucket) {}
