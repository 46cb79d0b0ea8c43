package dev.boxscore.alerting.state;

import java.util.Locale;

/**
 * Where an alert instance stands (Prometheus' states plus {@code no_data} and {@code error}):
 * inactive → pending (for {@code for}) → firing → resolved; resolved instances go back to pending
 * when the condition returns.
 */
public enum AlertState {
  INACTIVE,
  PENDING,
  FIRING,
  RESOLVED,
  NO_DATA,
  ERROR;

  public String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
