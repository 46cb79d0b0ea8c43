package dev.boxscore.query.service.judge;

import java.util.Locale;

/**
 * Why an evaluator is not judging now: switched off, its day's budget spent, or its calls per
 * minute used up.
 */
public enum Pause {
  DISABLED,
  BUDGET,
  RATE;

  public String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
