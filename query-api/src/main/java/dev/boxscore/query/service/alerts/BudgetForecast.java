package dev.boxscore.query.service.alerts;

import dev.boxscore.storage.analytics.TimeWindow;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;

/**
 * Where a budget stands: the share spent, the period's spend at its rate so far, and when that rate
 * crosses the amount (null when it does not within the period). No forecast before 1 % of the
 * period has passed: a few minutes of a month say nothing about its rate.
 */
record BudgetForecast(double percent, BigDecimal forecastUsd, Instant crossesAt) {
  static BudgetForecast of(TimeWindow period, Instant now, BigDecimal spent, BigDecimal amount) {
    double percent = spent.divide(amount, MathContext.DECIMAL64).doubleValue() * 100;
    long total = Duration.between(period.from(), period.to()).toMillis();
    long elapsed = Duration.between(period.from(), now).toMillis();
    if (elapsed * 100 < total || spent.signum() <= 0) {
      return new BudgetForecast(percent, null, null);
    }
    // Multiplied before divided: spend over the whole period at the rate so far, exact for exact
    // inputs.
    BigDecimal forecast =
        spent
            .multiply(BigDecimal.valueOf(total))
            .divide(BigDecimal.valueOf(elapsed), MathContext.DECIMAL64);
    Instant crosses = null;
    if (forecast.compareTo(amount) >= 0) {
      long at =
          amount
              .multiply(BigDecimal.valueOf(elapsed))
              .divide(spent, MathContext.DECIMAL64)
              .longValue();
      crosses = period.from().plusMillis(at);
    }
    return new BudgetForecast(percent, forecast, crosses);
  }
}
