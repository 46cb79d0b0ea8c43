package dev.boxscore.query.service.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boxscore.alerting.rule.BudgetPeriod;
import dev.boxscore.alerting.rule.BudgetSettings;
import dev.boxscore.storage.analytics.TimeWindow;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class BudgetForecastTest {
  private static final TimeWindow DAY =
      new TimeWindow(Instant.parse("2026-12-07T00:00:00Z"), Instant.parse("2026-12-08T00:00:00Z"));

  @Test
  void theRateSoFarTellsWhenTheBudgetWillBeCrossed() {
    BudgetForecast f =
        BudgetForecast.of(
            DAY, Instant.parse("2026-12-07T12:00:00Z"), new BigDecimal("9"), new BigDecimal("12"));
    assertThat(f.percent()).isEqualTo(75.0);
    assertThat(f.forecastUsd()).isEqualByComparingTo("18");
    assertThat(f.crossesAt()).isEqualTo(Instant.parse("2026-12-07T16:00:00Z"));
  }

  @Test
  void aRateThatStaysUnderTheBudgetForecastsNoCrossing() {
    BudgetForecast f =
        BudgetForecast.of(
            DAY, Instant.parse("2026-12-07T12:00:00Z"), new BigDecimal("3"), new BigDecimal("12"));
    assertThat(f.forecastUsd()).isEqualByComparingTo("6");
    assertThat(f.crossesAt()).isNull();
  }

  @Test
  void theFirstPercentOfAPeriodForecastsNothing() {
    BudgetForecast f =
        BudgetForecast.of(
            DAY, Instant.parse("2026-12-07T00:10:00Z"), new BigDecimal("5"), new BigDecimal("12"));
    assertThat(f.forecastUsd()).isNull();
    assertThat(f.crossesAt()).isNull();
    assertThat(f.percent()).isBetween(41.6, 41.7);
  }

  @Test
  void periodsStartAtMidnightMondayAndTheFirstInTheRulesTimeZone() {
    Instant now = Instant.parse("2026-12-07T05:00:00Z"); // a Monday; 06:00 in Berlin
    ZoneId berlin = ZoneId.of("Europe/Berlin");
    assertThat(
            RuleEvaluator.period(
                new BudgetSettings(BudgetPeriod.DAY, berlin, BigDecimal.TEN, 80), now))
        .isEqualTo(
            new TimeWindow(
                Instant.parse("2026-12-06T23:00:00Z"), Instant.parse("2026-12-07T23:00:00Z")));
    assertThat(
            RuleEvaluator.period(
                    new BudgetSettings(BudgetPeriod.WEEK, ZoneId.of("UTC"), BigDecimal.TEN, 80),
                    Instant.parse("2026-12-09T12:00:00Z"))
                .from())
        .isEqualTo(Instant.parse("2026-12-07T00:00:00Z"));
    assertThat(
            RuleEvaluator.period(
                new BudgetSettings(BudgetPeriod.MONTH, berlin, BigDecimal.TEN, 80), now))
        .isEqualTo(
            new TimeWindow(
                Instant.parse("2026-11-30T23:00:00Z"), Instant.parse("2026-12-31T23:00:00Z")));
  }
}
