package dev.boxscore.alerting.rule;

import java.util.Locale;
import java.util.Optional;

/** The calendar period a budget covers, in the rule's time zone. */
public enum BudgetPeriod {
  DAY,
  WEEK,
  MONTH;

  public String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<BudgetPeriod> fromApiName(String name) {
    for (BudgetPeriod p : values()) {
      if (p.apiName().equals(name)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}
