package dev.boxscore.query.api;

import java.time.Instant;
import java.util.List;

/** A score config: what a score name means in the project. */
public record ScoreConfigResponse(
    String id,
    String name,
    String dataType,
    Double min,
    Double max,
    List<ScoreCategoryResponse> categories,
    String description,
    boolean archived,
    Instant createdAt) {}
