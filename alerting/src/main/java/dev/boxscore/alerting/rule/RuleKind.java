package dev.boxscore.alerting.rule;

import java.util.Locale;
import java.util.Optional;

/** What a rule watches. */
public enum RuleKind {
  /** A metric over a trailing window against a fixed threshold. */
  THRESHOLD,
  /** A metric's distribution now against the same hours of earlier days (the drift API's tests). */
  DRIFT,
  /** A request model answered by another response model or system fingerprint. */
  SWAP,
  /** Spend in a calendar period against an amount, with a warning and a forecast. */
  BUDGET;

  public String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<RuleKind> fromApiName(String name) {
    for (RuleKind k : values()) {
      if (k.apiName().equals(name)) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }
}
