package dev.boxscore.query.api;

import java.util.List;

/** The project's score configs, archived ones last. */
public record ScoreConfigListResponse(List<ScoreConfigResponse> configs) {}
