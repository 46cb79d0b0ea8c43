package dev.boxscore.collector.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Requests per second per key: a burst of the rate goes at once, then the caller is told how long
 * to wait.
 */
class RateLimiterTest {
  @Test
  void aKeyMayBurstUpToItsRateThenWaitsAWholeSecondAtLeast() {
    RateLimiter limiter = new RateLimiter();
    for (int i = 0; i < 5; i++) {
      assertThat(limiter.acquire("key-a", 5)).as("request %d of the burst", i + 1).isZero();
    }
    assertThat(limiter.acquire("key-a", 5)).as("past the burst").isEqualTo(1);
    assertThat(limiter.acquire("key-a", 5)).as("refused requests take nothing").isEqualTo(1);
  }

  @Test
  void aSlowRateIsToldToWaitTheSecondsUntilItsNextToken() {
    RateLimiter limiter = new RateLimiter();
    assertThat(limiter.acquire("slow", 1)).isZero();
    assertThat(limiter.acquire("slow", 1)).isEqualTo(1);
  }

  @Test
  void keysHaveTheirOwnBuckets() {
    RateLimiter limiter = new RateLimiter();
    assertThat(limiter.acquire("key-a", 1)).isZero();
    assertThat(limiter.acquire("key-a", 1)).isEqualTo(1);
    assertThat(limiter.acquire("key-b", 1)).isZero();
  }

  @Test
  void anEmptiedBucketRefillsWithTime() {
    RateLimiter limiter = new RateLimiter();
    for (int i = 0; i < 20; i++) {
      limiter.acquire("key-a", 20);
    }
    assertThat(limiter.acquire("key-a", 20)).isEqualTo(1);
    // At 20 per second a token is back within 50 ms; observed, not assumed from a sleep.
    await()
        .atMost(Duration.ofSeconds(2))
        .pollInterval(Duration.ofMillis(10))
        .until(() -> limiter.acquire("key-a", 20) == 0);
  }

  @Test
  void aLowerRateForTheKeyCapsWhatItHeld() {
    RateLimiter limiter = new RateLimiter();
    assertThat(limiter.acquire("key-a", 100)).isZero();
    // The key's rate is now 1: it holds at most one token, so only one more request goes.
    assertThat(limiter.acquire("key-a", 1)).isZero();
    assertThat(limiter.acquire("key-a", 1)).isEqualTo(1);
  }
}
