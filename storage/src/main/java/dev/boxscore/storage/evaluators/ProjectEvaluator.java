package dev.boxscore.storage.evaluators;

/** An evaluator with the project it belongs to. */
public record ProjectEvaluator(String projectId, Evaluator evaluator) {}
