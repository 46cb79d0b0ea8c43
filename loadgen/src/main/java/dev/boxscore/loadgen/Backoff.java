package dev.boxscore.loadgen;

import java.time.Duration;
import java.util.SplittableRandom;

/**
 * Retry delays as the OpenTelemetry SDK's OTLP exporters use them: 1 s, growing 1.5× to at most 5
 * s, with ±20 % jitter, up to {@code maxAttempts} attempts in all; a server's Retry-After wins.
 */
record Backoff(int maxAttempts, Duration initial, Duration max, double multiplier) {
  static final Backoff OTLP = new Backoff(5, Duration.ofSeconds(1), Duration.ofSeconds(5), 1.5);

  Backoff {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("max attempts must be 1 or more, got " + maxAttempts);
    }
  }

  Backoff withMaxAttempts(int attempts) {
    return new Backoff(attempts, initial, max, multiplier);
  }

  /** The wait after failed attempt {@code attempt} (1-based). */
  Duration delay(int attempt, Duration retryAfter, SplittableRandom random) {
    if (retryAfter != null) {
      return retryAfter;
    }
    double base = initial.toNanos() * Math.pow(multiplier, attempt - 1);
    double capped = Math.min(base, max.toNanos());
    double jitter = 0.8 + 0.4 * random.nextDouble();
    return Duration.ofNanos(Math.round(capped * jitter));
  }
}
