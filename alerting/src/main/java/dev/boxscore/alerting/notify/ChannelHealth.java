package dev.boxscore.alerting.notify;

import java.time.Instant;

/**
 * How a channel's recent notifications went, for its {@code status}, {@code consecutiveFailures},
 * {@code lastError} and {@code lastAttemptAt}. Kept in memory: a restart starts healthy.
 *
 * @param consecutiveFailures notifications in a row whose every attempt failed
 * @param failing whether that reached the threshold (3 by default)
 * @param lastError the last failed attempt's error since the last success, else null
 */
public record ChannelHealth(
    int consecutiveFailures, boolean failing, String lastError, Instant lastAttemptAt) {
  public static final ChannelHealth UNKNOWN = new ChannelHealth(0, false, null, null);
}
