package dev.boxscore.alerting.notify;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link NotificationLog} that lives as long as the process: for tests and single use. */
public final class InMemoryNotificationLog implements NotificationLog {
  private final Map<String, NotificationLogEntry> entries = new ConcurrentHashMap<>();

  @Override
  public Optional<NotificationLogEntry> last(String channelId, String groupKey) {
    return Optional.ofNullable(entries.get(key(channelId, groupKey)));
  }

  @Override
  public void record(String channelId, String groupKey, NotificationLogEntry entry) {
    entries.put(key(channelId, groupKey), entry);
  }

  private static String key(String channelId, String groupKey) {
    return channelId + '\n' + groupKey;
  }
}
