package dev.boxscore.storage.alerts;

import java.time.Instant;
import java.util.List;

/**
 * A channel's recent deliveries: the statuses of its last notifications, newest first ({@code ok}
 * or {@code failed}), its last attempt and last error.
 */
public record ChannelHealthRow(
    String channelId, List<String> lastNotifications, Instant lastAttemptAt, String lastError) {
  public ChannelHealthRow {
    lastNotifications = List.copyOf(lastNotifications);
  }
}
