package dev.boxscore.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TokenBucketTest {
  private long now = 1_000_000_000L;

  @Test
  void theFirstRequestGoesAtOnceAndTheRateHoldsFromThere() {
    TokenBucket bucket = new TokenBucket(1000, () -> now);
    assertThat(bucket.reserve(2000)).isZero();
    // 2,000 spans at 1,000/s: the next request waits until 2 s after the first.
    assertThat(bucket.reserve(2000)).isEqualTo(TimeUnit.SECONDS.toNanos(2));
    assertThat(bucket.reserve(500)).isEqualTo(TimeUnit.SECONDS.toNanos(4));
    now += TimeUnit.SECONDS.toNanos(3);
    assertThat(bucket.reserve(100)).isEqualTo(TimeUnit.MILLISECONDS.toNanos(1500));
  }

  @Test
  void anIdleBucketKeepsAtMostOneSecondOfCredit() {
    TokenBucket bucket = new TokenBucket(100, () -> now);
    bucket.reserve(1);
    now += TimeUnit.SECONDS.toNanos(60);
    // One second of credit (100 spans) goes at once; the rest is paced.
    assertThat(bucket.reserve(100)).isZero();
    assertThat(bucket.reserve(100)).isZero();
    assertThat(bucket.reserve(100)).isEqualTo(TimeUnit.SECONDS.toNanos(1));
  }

  @Test
  void aSustainedRunMatchesTheRate() {
    TokenBucket bucket = new TokenBucket(50_000, () -> now);
    long start = now;
    for (int i = 0; i < 100; i++) {
      now += bucket.reserve(2000);
    }
    // 100 requests of 2,000 = 200,000 spans; the 100th goes when 99 have been earned.
    assertThat(now - start).isEqualTo(TimeUnit.MILLISECONDS.toNanos(99 * 40));
  }

  @Test
  void aRateMustBePositive() {
    assertThatThrownBy(() -> new TokenBucket(0, () -> now))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rate");
  }
}
