package dev.boxscore.storage.alerts;

import java.time.Instant;
import java.util.List;

/** What one channel was last told about one notification group: fingerprints and when. */
public record NotificationLogRow(
    String channelId, String groupKey, List<String> firing, List<String> resolved, Instant sentAt) {
  public NotificationLogRow {
    firing = List.copyOf(firing);
    resolved = List.copyOf(resolved);
  }
}
