package dev.boxscore.alerting.notify;

import java.time.Instant;
import java.util.List;

/**
 * One HTTP attempt of one notification, for the alert history ({@code "type":"delivery"} events)
 * and the channel's health.
 *
 * @param fingerprints the alerts the request carried
 * @param attempt 1 for the first try, 2 for the first retry, …
 * @param httpStatus the receiver's answer; null when there was none (connection error, timeout,
 *     misconfigured channel)
 * @param error why it failed; null when it did not
 * @param last whether no attempt of this notification follows (delivered, or given up)
 */
public record DeliveryAttempt(
    String channelId,
    String channelName,
    String groupKey,
    List<String> fingerprints,
    NotificationKind notification,
    int attempt,
    DeliveryStatus status,
    Integer httpStatus,
    String error,
    Instant at,
    boolean last) {
  public DeliveryAttempt {
    fingerprints = List.copyOf(fingerprints);
  }
}
