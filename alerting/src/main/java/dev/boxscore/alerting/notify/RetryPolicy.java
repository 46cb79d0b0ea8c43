package dev.boxscore.alerting.notify;

import java.time.Duration;

/**
 * How often and how patiently one request is retried: exponential backoff from {@code
 * initialDelay}, doubling up to {@code maxDelay}, {@code maxAttempts} tries in all (the first
 * included). The default, 1 s … 60 s and 6 attempts, rides out a receiver's restart (~31 s).
 */
public record RetryPolicy(Duration initialDelay, Duration maxDelay, int maxAttempts) {
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(60), 6);

  public RetryPolicy {
    if (initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0 || maxAttempts < 1) {
      throw new IllegalArgumentException(
          "retry policy: need 0 <= initialDelay <= maxDelay and maxAttempts >= 1");
    }
  }

  /** The wait before attempt {@code attempt} (2 or more). */
  public Duration delayBefore(int attempt) {
    int doublings = Math.min(Math.max(attempt - 2, 0), 30); // 2^30 times anything hits the cap
    Duration d = initialDelay.multipliedBy(1L << doublings);
    return d.compareTo(maxDelay) > 0 ? maxDelay : d;
  }
}
