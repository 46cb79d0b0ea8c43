package dev.boxscore.alerting.notify;

import java.util.Locale;

/** What a notification tells the receiver: something fires, or everything it carries resolved. */
public enum NotificationKind {
  FIRING,
  RESOLVED;

  public String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
