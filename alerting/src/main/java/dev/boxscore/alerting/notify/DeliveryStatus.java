package dev.boxscore.alerting.notify;

import java.util.Locale;

/** Outcome of one HTTP attempt, or of a test notification. */
public enum DeliveryStatus {
  OK,
  FAILED;

  public String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
