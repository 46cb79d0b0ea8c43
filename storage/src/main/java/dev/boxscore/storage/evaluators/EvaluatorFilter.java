package dev.boxscore.storage.evaluators;

/**
 * Which calls an evaluator judges: "" means any.
 *
 * @param model a request or response model
 */
public record EvaluatorFilter(String service, String model, String promptVersion) {
  public static final EvaluatorFilter ANY = new EvaluatorFilter("", "", "");
}
