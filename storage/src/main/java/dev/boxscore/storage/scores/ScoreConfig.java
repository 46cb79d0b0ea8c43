package dev.boxscore.storage.scores;

import java.time.Instant;
import java.util.List;

/**
 * What a score name means in a project: numeric (optionally within [min, max]), boolean,
 * categorical (its categories), or text. Archived, never deleted.
 */
public record ScoreConfig(
    String id,
    String name,
    ScoreDataType dataType,
    Double min,
    Double max,
    List<ScoreCategory> categories,
    String description,
    boolean archived,
    Instant createdAt) {}
