package dev.boxscore.alerting.notify;

import java.time.Instant;
import java.util.Set;

/**
 * The last notification a group got, Alertmanager's notification log entry: what the receiver now
 * believes fires, so that a restart neither repeats a trigger nor forgets a resolve it owes.
 *
 * @param firing fingerprints it carried as firing
 * @param resolved fingerprints it carried as resolved
 * @param at when it was flushed; repeats count from here
 */
public record NotificationLogEntry(Set<String> firing, Set<String> resolved, Instant at) {
  public NotificationLogEntry {
    firing = Set.copyOf(firing);
    resolved = Set.copyOf(resolved);
  }
}
