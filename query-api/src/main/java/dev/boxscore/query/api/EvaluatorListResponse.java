package dev.boxscore.query.api;

import java.util.List;

/** The project's LLM-as-judge evaluators, by id. */
public record EvaluatorListResponse(List<EvaluatorResponse> evaluators) {}
