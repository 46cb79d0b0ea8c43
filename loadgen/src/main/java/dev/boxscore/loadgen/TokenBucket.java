package dev.boxscore.loadgen;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The target rate, as a token bucket that reserves ahead: a request of n spans may go at once when
 * the bucket has credit and otherwise waits until its spans are earned. An idle bucket keeps at
 * most one second of credit, so a stall is not followed by an unbounded burst. Thread-safe; the
 * clock is injected so the arithmetic is tested without sleeping.
 */
final class TokenBucket {
  private final double nanosPerPermit;
  private final long maxCreditNanos;
  private final LongSupplier nanoClock;
  private long nextFree;
  private boolean started;

  /**
   * @param perSecond permits a second, more than 0
   */
  TokenBucket(double perSecond, LongSupplier nanoClock) {
    if (!(perSecond > 0)) {
      throw new IllegalArgumentException("rate must be more than 0, got " + perSecond);
    }
    this.nanosPerPermit = TimeUnit.SECONDS.toNanos(1) / perSecond;
    this.maxCreditNanos = TimeUnit.SECONDS.toNanos(1);
    this.nanoClock = nanoClock;
  }

  /** Reserves {@code permits}; answers how many nanoseconds the caller waits before going. */
  synchronized long reserve(int permits) {
    long now = nanoClock.getAsLong();
    if (!started) {
      // A fresh bucket starts empty: the first request goes at once, the rate holds from there.
      nextFree = now;
      started = true;
    } else if (nextFree < now - maxCreditNanos) {
      nextFree = now - maxCreditNanos;
    }
    long wait = Math.max(0, nextFree - now);
    nextFree += Math.round(permits * nanosPerPermit);
    return wait;
  }
}
