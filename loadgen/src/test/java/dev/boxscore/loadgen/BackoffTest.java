package dev.boxscore.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {
  @Test
  void delaysGrowLikeAnOtlpExportersAndRetryAfterWins() {
    SplittableRandom random = new SplittableRandom(1);
    assertThat(Backoff.OTLP.delay(1, null, random))
        .isBetween(Duration.ofMillis(800), Duration.ofMillis(1200));
    assertThat(Backoff.OTLP.delay(2, null, random))
        .isBetween(Duration.ofMillis(1200), Duration.ofMillis(1800));
    assertThat(Backoff.OTLP.delay(10, null, random))
        .isBetween(Duration.ofSeconds(4), Duration.ofSeconds(6));
    assertThat(Backoff.OTLP.delay(1, Duration.ofSeconds(7), random))
        .isEqualTo(Duration.ofSeconds(7));
  }
}
