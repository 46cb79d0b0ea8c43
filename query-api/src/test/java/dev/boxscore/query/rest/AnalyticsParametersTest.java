package dev.boxscore.query.rest;

import static dev.boxscore.query.rest.ParametersTest.rejects;
import static org.assertj.core.api.Assertions.assertThat;

import dev.boxscore.storage.analytics.CallFilter;
import dev.boxscore.storage.analytics.Dimension;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * The analytics API's parameter parsing and filters: accepted values, bounds at and past them,
 * rejections by name.
 */
class AnalyticsParametersTest {
  private static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void aDurationIsShortOrIso8601InAnyCase() {
    assertThat(AnalyticsParameters.duration("window", "30s", null))
        .isEqualTo(Duration.ofSeconds(30));
    assertThat(AnalyticsParameters.duration("window", "5m", null)).isEqualTo(Duration.ofMinutes(5));
    assertThat(AnalyticsParameters.duration("window", "1h", null)).isEqualTo(Duration.ofHours(1));
    assertThat(AnalyticsParameters.duration("window", "7d", null)).isEqualTo(Duration.ofDays(7));
    assertThat(AnalyticsParameters.duration("window", " 5M ", null))
        .isEqualTo(Duration.ofMinutes(5));
    assertThat(AnalyticsParameters.duration("window", "PT15M", null))
        .isEqualTo(Duration.ofMinutes(15));
    assertThat(AnalyticsParameters.duration("window", "pt1h30m", null))
        .isEqualTo(Duration.ofMinutes(90));
    assertThat(AnalyticsParameters.duration("window", "999999s", null))
        .isEqualTo(Duration.ofSeconds(999_999));
    assertThat(AnalyticsParameters.duration("window", null, Duration.ofHours(2)))
        .isEqualTo(Duration.ofHours(2));
    assertThat(AnalyticsParameters.duration("window", "", Duration.ofHours(2)))
        .isEqualTo(Duration.ofHours(2));
  }

  @Test
  void aDurationThatIsNeitherIsRejectedByName() {
    rejects("window", () -> AnalyticsParameters.duration("window", "1w", null))
        .hasMessage("window: must be a duration such as 5m, 1h, 1d or PT15M, got \"1w\"");
    rejects("window", () -> AnalyticsParameters.duration("window", "5 m", null));
    rejects("window", () -> AnalyticsParameters.duration("window", "-5m", null));
    rejects("window", () -> AnalyticsParameters.duration("window", "1.5h", null));
    // Seven digits is past the short form, and not ISO either.
    rejects("window", () -> AnalyticsParameters.duration("window", "1000000s", null));
    rejects(
        "window", () -> AnalyticsParameters.duration("window", "PT" + "9".repeat(30) + "H", null));
  }

  @Test
  void aBucketIsWholeMinutesFromOneMinuteToOneDay() {
    Instant to = FROM.plus(Duration.ofDays(1));
    assertThat(AnalyticsParameters.bucket("bucket", "1m", null, FROM, to))
        .isEqualTo(Duration.ofMinutes(1));
    assertThat(AnalyticsParameters.bucket("bucket", "1d", null, FROM, to))
        .isEqualTo(Duration.ofDays(1));
    assertThat(AnalyticsParameters.bucket("bucket", "120s", null, FROM, to))
        .isEqualTo(Duration.ofMinutes(2));
    assertThat(AnalyticsParameters.bucket("bucket", null, Duration.ofHours(1), FROM, to))
        .isEqualTo(Duration.ofHours(1));
    rejects("bucket", () -> AnalyticsParameters.bucket("bucket", "59s", null, FROM, to))
        .hasMessage("bucket: must be whole minutes from 1m to 1d, got \"59s\"");
    rejects("bucket", () -> AnalyticsParameters.bucket("bucket", "1441m", null, FROM, to));
    rejects("bucket", () -> AnalyticsParameters.bucket("bucket", "90s", null, FROM, to));
    rejects("bucket", () -> AnalyticsParameters.bucket("bucket", "PT1M0.5S", null, FROM, to));
    rejects("bucket", () -> AnalyticsParameters.bucket("bucket", "0m", null, FROM, to));
  }

  @Test
  void aBucketGivesAtMost20000BucketsOverTheRange() {
    Instant at = FROM.plus(Duration.ofMinutes(AnalyticsParameters.MAX_BUCKETS));
    assertThat(AnalyticsParameters.bucket("bucket", "1m", null, FROM, at))
        .isEqualTo(Duration.ofMinutes(1));
    Instant past = at.plus(Duration.ofMinutes(1));
    rejects("bucket", () -> AnalyticsParameters.bucket("bucket", "1m", null, FROM, past))
        .hasMessage(
            "bucket: gives 20001 buckets over the range; at most 20000: choose a larger bucket or a shorter"
                + " range");
    assertThat(AnalyticsParameters.bucket("bucket", "2m", null, FROM, past))
        .isEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void aRangeRunsForwardForAtMost400Days() {
    AnalyticsParameters.range(FROM, FROM.plusNanos(1));
    AnalyticsParameters.range(FROM, FROM.plus(Duration.ofDays(400)));
    rejects("from", () -> AnalyticsParameters.range(FROM, FROM))
        .hasMessage("from: must be before to");
    rejects("from", () -> AnalyticsParameters.range(FROM, FROM.minusSeconds(1)))
        .hasMessage("from: must be before to");
    rejects(
            "from",
            () -> AnalyticsParameters.range(FROM, FROM.plus(Duration.ofDays(400)).plusNanos(1)))
        .hasMessage("from: the range from..to must be at most 400 days");
  }

  @Test
  void groupByTakesCommaSeparatedDimensionsByTheirApiNames() {
    assertThat(AnalyticsParameters.groupBy("groupBy", null)).isEmpty();
    assertThat(AnalyticsParameters.groupBy("groupBy", " ")).isEmpty();
    assertThat(AnalyticsParameters.groupBy("groupBy", "model")).containsExactly(Dimension.MODEL);
    assertThat(AnalyticsParameters.groupBy("groupBy", " service , request_model,model,service"))
        .containsExactlyInAnyOrder(Dimension.SERVICE, Dimension.REQUEST_MODEL, Dimension.MODEL);
    assertThat(
            AnalyticsParameters.groupBy(
                "groupBy",
                String.join(
                    ",",
                    "service",
                    "provider",
                    "model",
                    "request_model",
                    "response_model",
                    "prompt_fingerprint",
                    "prompt_version",
                    "user",
                    "session")))
        .containsExactlyInAnyOrder(
            java.util.Arrays.stream(Dimension.values())
                .filter(d -> d != Dimension.MODEL_KEY)
                .toArray(Dimension[]::new));
    // The alert evaluator's batching key is not a metrics API dimension.
    rejects("groupBy", () -> AnalyticsParameters.groupBy("groupBy", "model_key"));
    rejects("groupBy", () -> AnalyticsParameters.groupBy("groupBy", "model,colour"))
        .hasMessage(
            "groupBy: unknown dimension \"colour\"; use service, provider, model, request_model, "
                + "response_model, prompt_fingerprint, prompt_version, user, session");
    rejects("groupBy", () -> AnalyticsParameters.groupBy("groupBy", "MODEL"));
    rejects("groupBy", () -> AnalyticsParameters.groupBy("groupBy", "model,,service"))
        .hasMessageContaining("\"\"");
  }

  @Test
  void aCallFilterKeepsEachValueAndNamesTheOneThatIsTooLong() {
    assertThat(AnalyticsParameters.filter(null, "", " ", null, null, null, null))
        .isEqualTo(CallFilter.ANY);
    assertThat(
            AnalyticsParameters.filter(
                "svc", "openai", "gpt-4o", "gpt-4o-req", "gpt-4o-2024-08-06", "fp", "v2"))
        .isEqualTo(
            new CallFilter(
                "svc", "openai", "gpt-4o", "gpt-4o-req", "gpt-4o-2024-08-06", "fp", "v2"));
    String tooLong = "x".repeat(513);
    rejects(
        "service", () -> AnalyticsParameters.filter(tooLong, null, null, null, null, null, null));
    rejects(
        "provider", () -> AnalyticsParameters.filter(null, tooLong, null, null, null, null, null));
    rejects("model", () -> AnalyticsParameters.filter(null, null, tooLong, null, null, null, null));
    rejects(
        "request_model",
        () -> AnalyticsParameters.filter(null, null, null, tooLong, null, null, null));
    rejects(
        "response_model",
        () -> AnalyticsParameters.filter(null, null, null, null, tooLong, null, null));
    rejects(
        "prompt_fingerprint",
        () -> AnalyticsParameters.filter(null, null, null, null, null, tooLong, null));
    rejects(
        "prompt_version",
        () -> AnalyticsParameters.filter(null, null, null, null, null, null, tooLong));
  }

  @Test
  void aRequiredValueMustBeThere() {
    assertThat(AnalyticsParameters.required("a", "gpt-4o")).isEqualTo("gpt-4o");
    rejects("a", () -> AnalyticsParameters.required("a", null)).hasMessage("a: is required");
    rejects("b", () -> AnalyticsParameters.required("b", "  ")).hasMessage("b: is required");
    rejects("a", () -> AnalyticsParameters.required("a", "m".repeat(513)))
        .hasMessageContaining("512");
  }

  @Test
  void anIntegerIsWithinItsBoundsInclusive() {
    assertThat(AnalyticsParameters.integer("days", null, 7, 1, 90)).isEqualTo(7);
    assertThat(AnalyticsParameters.integer("days", "1", 7, 1, 90)).isEqualTo(1);
    assertThat(AnalyticsParameters.integer("days", " 90 ", 7, 1, 90)).isEqualTo(90);
    rejects("days", () -> AnalyticsParameters.integer("days", "0", 7, 1, 90))
        .hasMessage("days: must be between 1 and 90, got 0");
    rejects("days", () -> AnalyticsParameters.integer("days", "91", 7, 1, 90))
        .hasMessage("days: must be between 1 and 90, got 91");
    rejects("days", () -> AnalyticsParameters.integer("days", "7.0", 7, 1, 90))
        .hasMessage("days: must be a whole number, got \"7.0\"");
    rejects("days", () -> AnalyticsParameters.integer("days", "99999999999", 7, 1, 90));
  }

  @Test
  void aNumberIsAboveItsExclusiveMinimumAndAtMostItsMaximum() {
    assertThat(AnalyticsParameters.number("alpha", null, 0.05, 0, 0.5)).isEqualTo(0.05);
    assertThat(AnalyticsParameters.number("alpha", "0.5", 0.05, 0, 0.5)).isEqualTo(0.5);
    assertThat(AnalyticsParameters.number("alpha", "1e-9", 0.05, 0, 0.5)).isEqualTo(1e-9);
    rejects("alpha", () -> AnalyticsParameters.number("alpha", "0", 0.05, 0, 0.5))
        .hasMessage("alpha: must be greater than 0.0 and at most 0.5");
    rejects("alpha", () -> AnalyticsParameters.number("alpha", "0.5000001", 0.05, 0, 0.5));
    rejects("alpha", () -> AnalyticsParameters.number("alpha", "NaN", 0.05, 0, 0.5));
    rejects("alpha", () -> AnalyticsParameters.number("alpha", "Infinity", 0.05, 0, 0.5));
    rejects("alpha", () -> AnalyticsParameters.number("alpha", "five percent", 0.05, 0, 0.5))
        .hasMessage("alpha: must be a number, got \"five percent\"");
  }

  @Test
  void aDateIsRequiredAndACalendarDay() {
    assertThat(AnalyticsParameters.date("effectiveFrom", "2024-02-29"))
        .isEqualTo(LocalDate.of(2024, 2, 29));
    assertThat(AnalyticsParameters.date("effectiveFrom", " 2024-10-02 "))
        .isEqualTo(LocalDate.of(2024, 10, 2));
    rejects("effectiveFrom", () -> AnalyticsParameters.date("effectiveFrom", null))
        .hasMessage("effectiveFrom: is required (YYYY-MM-DD)");
    rejects("effectiveFrom", () -> AnalyticsParameters.date("effectiveFrom", "2023-02-29"))
        .hasMessage("effectiveFrom: must be a date YYYY-MM-DD, got \"2023-02-29\"");
    rejects("effectiveFrom", () -> AnalyticsParameters.date("effectiveFrom", "02/10/2024"));
    rejects(
        "effectiveFrom", () -> AnalyticsParameters.date("effectiveFrom", "2024-10-02T00:00:00Z"));
  }

  @Test
  void aPriceIsFromZeroToAMillionDollarsPerMillionTokens() {
    assertThat(AnalyticsParameters.price("input", null, false)).isNull();
    assertThat(AnalyticsParameters.price("input", BigDecimal.ZERO, true)).isEqualByComparingTo("0");
    assertThat(AnalyticsParameters.price("input", new BigDecimal("2.50"), true))
        .isEqualByComparingTo("2.50");
    assertThat(AnalyticsParameters.price("input", new BigDecimal("1000000"), true))
        .isEqualByComparingTo("1000000");
    rejects("input", () -> AnalyticsParameters.price("input", null, true))
        .hasMessage("input: is required (USD per 1M tokens)");
    rejects("output", () -> AnalyticsParameters.price("output", new BigDecimal("-0.01"), false))
        .hasMessage("output: must be between 0 and 1000000 USD per 1M tokens");
    rejects(
        "output",
        () -> AnalyticsParameters.price("output", new BigDecimal("1000000.000001"), false));
  }
}
