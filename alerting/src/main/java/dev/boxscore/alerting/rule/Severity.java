package dev.boxscore.alerting.rule;

import java.util.Locale;
import java.util.Optional;

/** How urgent a firing alert is; PagerDuty's severities minus {@code error}. */
public enum Severity {
  CRITICAL,
  WARNING,
  INFO;

  public String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Severity> fromApiName(String name) {
    for (Severity s : values()) {
      if (s.apiName().equals(name)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
