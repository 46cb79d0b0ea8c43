package dev.boxscore.storage.scores;

import java.time.Instant;

/**
 * Which scores to list, newest first; a null field means "any". {@code from}/{@code to} bound the
 * score's own time.
 */
public record ScoreQuery(
    Instant from,
    Instant to,
    String name,
    ScoreSource source,
    ScoreDataType dataType,
    String traceId,
    String sessionId,
    String userId,
    String model,
    String promptVersion,
    String configId,
    int limit,
    int offset) {}
