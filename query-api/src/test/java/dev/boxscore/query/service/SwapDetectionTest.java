package dev.boxscore.query.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boxscore.storage.analytics.ModelVariant;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which variants of a range are swaps, on hand-made variant lists (ordered by first minute, as the
 * rollup is).
 */
class SwapDetectionTest {
  private static final Instant T0 = Instant.parse("2026-11-27T00:00:00Z");

  private static ModelVariant variant(
      String request, String response, String fingerprint, int firstMinute, int lastMinute) {
    return new ModelVariant(
        "openai",
        request,
        response,
        fingerprint,
        T0.plusSeconds(60L * firstMinute),
        T0.plusSeconds(60L * lastMinute),
        10);
  }

  @Test
  void oneVariantIsNoSwap() {
    assertThat(SwapDetection.swaps(List.of(variant("gpt-4o", "gpt-4o-2024-08-06", "fp_a", 0, 60))))
        .isEmpty();
  }

  @Test
  void aNewResponseModelIsASwapFromTheOneBefore() {
    ModelVariant old = variant("gpt-4o", "gpt-4o-2024-08-06", "fp_a", 0, 30);
    ModelVariant next = variant("gpt-4o", "gpt-4o-2024-11-20", "fp_b", 31, 60);

    assertThat(SwapDetection.swaps(List.of(old, next)))
        .containsExactly(new ModelSwap(old, next, "response_model"));
  }

  @Test
  void aNewFingerprintOfTheSameModelIsAFingerprintSwap() {
    ModelVariant old = variant("gpt-4o", "gpt-4o-2024-08-06", "fp_a", 0, 30);
    ModelVariant next = variant("gpt-4o", "gpt-4o-2024-08-06", "fp_b", 31, 60);

    assertThat(SwapDetection.swaps(List.of(old, next)))
        .containsExactly(new ModelSwap(old, next, "system_fingerprint"));
  }

  @Test
  void anUnreportedFingerprintOfTheSameModelIsNoSwap() {
    ModelVariant old = variant("gpt-4o", "gpt-4o-2024-08-06", "fp_a", 0, 30);
    ModelVariant unreported = variant("gpt-4o", "gpt-4o-2024-08-06", "", 31, 60);

    assertThat(SwapDetection.swaps(List.of(old, unreported))).isEmpty();
  }

  @Test
  void aFingerprintFirstReportedForTheSameModelIsNoSwap() {
    ModelVariant unreported = variant("gpt-4o", "gpt-4o-2024-08-06", "", 0, 30);
    ModelVariant reported = variant("gpt-4o", "gpt-4o-2024-08-06", "fp_a", 31, 60);

    assertThat(SwapDetection.swaps(List.of(unreported, reported))).isEmpty();
  }

  @Test
  void variantsAnsweringFromTheFirstMinuteAreNoSwaps() {
    ModelVariant a = variant("gpt-4o", "gpt-4o-2024-08-06", "fp_a", 0, 60);
    ModelVariant b = variant("gpt-4o", "gpt-4o-2024-11-20", "fp_b", 0, 60);

    assertThat(SwapDetection.swaps(List.of(a, b))).isEmpty();
  }

  @Test
  void callsNamingNoAnsweringModelAreIgnored() {
    ModelVariant failed = variant("gpt-4o", "", "", 0, 60);
    ModelVariant answered = variant("gpt-4o", "gpt-4o-2024-08-06", "fp_a", 5, 60);

    assertThat(SwapDetection.swaps(List.of(failed, answered))).isEmpty();
  }

  @Test
  void theSwapIsFromTheVariantSeenMostRecentlyBefore() {
    ModelVariant first = variant("gpt-4o", "m1", "fp_a", 0, 10);
    ModelVariant second = variant("gpt-4o", "m2", "fp_b", 5, 40);
    ModelVariant third = variant("gpt-4o", "m3", "fp_c", 50, 60);

    assertThat(SwapDetection.swaps(List.of(first, second, third)))
        .containsExactly(
            new ModelSwap(first, second, "response_model"),
            new ModelSwap(second, third, "response_model"));
  }

  @Test
  void requestModelsAreSeparateAndSwapsComeOldestFirst() {
    ModelVariant a1 = variant("gpt-4o", "a1", "", 0, 60);
    ModelVariant a2 = variant("gpt-4o", "a2", "", 40, 60);
    ModelVariant b1 = variant("gpt-4o-mini", "b1", "", 1, 60);
    ModelVariant b2 = variant("gpt-4o-mini", "b2", "", 20, 60);

    assertThat(SwapDetection.swaps(List.of(a1, b1, b2, a2)))
        .containsExactly(
            new ModelSwap(b1, b2, "response_model"), new ModelSwap(a1, a2, "response_model"));
  }
}
