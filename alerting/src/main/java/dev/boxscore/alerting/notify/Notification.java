package dev.boxscore.alerting.notify;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What one flush of a group sends.
 *
 * @param alerts the group as the receiver should now see it: every firing alert and the resolves it
 *     has not been told of (webhook and Slack carry all of them, as Alertmanager does)
 * @param changed the alerts whose news this is (all of {@code alerts} on a repeat): PagerDuty gets
 *     one event for each of these only, so a trigger is not re-sent whenever a sibling changes
 * @param at the flush time, recorded in the notification log on success
 */
record Notification(
    Channel channel, String groupKey, List<Alert> alerts, List<Alert> changed, Instant at) {
  Notification {
    alerts = List.copyOf(alerts);
    changed = List.copyOf(changed);
  }

  NotificationLogEntry logEntry() {
    return new NotificationLogEntry(fingerprints(true), fingerprints(false), at);
  }

  private Set<String> fingerprints(boolean firing) {
    return alerts.stream()
        .filter(a -> a.firing() == firing)
        .map(Alert::fingerprint)
        .collect(Collectors.toSet());
  }
}
