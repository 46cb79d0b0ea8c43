package dev.boxscore.alerting.state;

/** What one evaluation found for one alert instance. */
public enum Outcome {
  /** The condition holds. */
  TRUE,
  /** The condition does not hold. */
  FALSE,
  /** Too few calls (fewer than the rule's {@code minCalls}) or none to judge. */
  NO_DATA,
  /** The evaluation failed (the store did not answer, ...). */
  ERROR
}
