package dev.boxscore.query.api;

import java.util.List;

/** Services seen recently, for filters. */
public record ServicesResponse(List<String> services) {}
