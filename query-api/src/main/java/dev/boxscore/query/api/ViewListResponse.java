package dev.boxscore.query.api;

import java.util.List;

/** The project's saved views, by name. */
public record ViewListResponse(List<ViewResponse> views) {}
