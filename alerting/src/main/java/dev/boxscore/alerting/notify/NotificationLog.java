package dev.boxscore.alerting.notify;

import java.util.Optional;

/**
 * Where the {@link Dispatcher} remembers each group's last successful notification, so that a new
 * Dispatcher (after a restart) sends neither duplicate triggers nor loses pending resolves. The
 * Dispatcher reads a group once, when it first sees it, and writes after each success; both from
 * its own threads, never the evaluator's.
 */
public interface NotificationLog {
  Optional<NotificationLogEntry> last(String channelId, String groupKey);

  void record(String channelId, String groupKey, NotificationLogEntry entry);
}
