package dev.boxscore.alerting.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Prometheus' duration syntax in and the shortest form out. */
class DurationsTest {
  @Test
  void parsesEveryUnitAndCombinationsLargestFirst() {
    assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(Durations.parse("30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(Durations.parse("5m")).isEqualTo(Duration.ofMinutes(5));
    assertThat(Durations.parse("1h")).isEqualTo(Duration.ofHours(1));
    assertThat(Durations.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(Durations.parse("7d")).isEqualTo(Duration.ofDays(7));
    assertThat(Durations.parse("2w")).isEqualTo(Duration.ofDays(14));
    assertThat(Durations.parse("0s")).isEqualTo(Duration.ZERO);
    assertThat(Durations.parse("0ms")).isEqualTo(Duration.ZERO);
    assertThat(Durations.parse("1w2d3h4m5s6ms"))
        .isEqualTo(Duration.ofDays(9).plusHours(3).plusMinutes(4).plusSeconds(5).plusMillis(6));
    assertThat(Durations.parse("90s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(Durations.parse("1m500ms")).isEqualTo(Duration.ofMillis(60_500));
  }

  @ParameterizedTest
  @CsvSource({
    "'', got nothing",
    "5, needs a unit",
    "0, needs a unit",
    "-5m, must not be negative",
    "5M, units ms s m h d w",
    "5 m, units ms s m h d w",
    "' 5m', units ms s m h d w",
    "30m1h, largest first",
    "1m1m, largest first",
    "1y, units ms s m h d w",
    "1.5h, units ms s m h d w",
    "PT5M, units ms s m h d w",
    "m, units ms s m h d w",
    "99999999999999999999s, is too long",
    "9999999999999999w, is too long",
  })
  void rejectsWhatPrometheusWouldWithAHint(String text, String hint) {
    assertThatThrownBy(() -> Durations.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(hint);
  }

  @Test
  void rejectsNullAndCutsHugeInputInTheMessage() {
    assertThatThrownBy(() -> Durations.parse(null)).isInstanceOf(IllegalArgumentException.class);
    String huge = "x".repeat(100_000);
    assertThatThrownBy(() -> Durations.parse(huge))
        .isInstanceOf(IllegalArgumentException.class)
        .message()
        .hasSizeLessThan(200);
  }

  @ParameterizedTest
  @CsvSource({
    "0, 0s",
    "500, 500ms",
    "30000, 30s",
    "90000, 1m30s",
    "300000, 5m",
    "5400000, 1h30m",
    "86400000, 1d",
    "604800000, 7d",
    "1209600000, 14d",
    "90061001, 1d1h1m1s1ms",
  })
  void formatsTheShortestFormWithoutWeeks(long millis, String text) {
    assertThat(Durations.format(Duration.ofMillis(millis))).isEqualTo(text);
    assertThat(Durations.parse(text)).isEqualTo(Duration.ofMillis(millis));
  }

  @ParameterizedTest
  @ValueSource(strings = {"90s", "1h60m", "2w", "48h", "1000ms", "0ms"})
  void formatIsCanonical(String text) {
    String once = Durations.format(Durations.parse(text));
    assertThat(Durations.format(Durations.parse(once))).isEqualTo(once);
  }

  @Test
  void formatRejectsNegativeAndSubMillisecond() {
    assertThatThrownBy(() -> Durations.format(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Durations.format(Duration.ofNanos(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
