package dev.boxscore.query.api;

/** Which calls an evaluator judges; "" means any. {@code model}: a request or response model. */
public record EvaluatorFilterResponse(String service, String model, String promptVersion) {}
