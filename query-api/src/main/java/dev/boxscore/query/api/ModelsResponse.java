package dev.boxscore.query.api;

import java.util.List;

/** Models seen recently on LLM calls, for filters. */
public record ModelsResponse(List<String> models) {}
