package dev.boxscore.alerting.notify;

import java.util.Locale;
import java.util.Optional;

/** The receivers Boxscore speaks to, each with its own payload format. */
public enum ChannelType {
  /** Alertmanager's webhook JSON (version 4), signed with HMAC-SHA256. */
  WEBHOOK,
  /** A Slack incoming webhook. */
  SLACK,
  /** PagerDuty Events API v2. */
  PAGERDUTY;

  public String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<ChannelType> fromApiName(String name) {
    for (ChannelType t : values()) {
      if (t.apiName().equals(name)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
