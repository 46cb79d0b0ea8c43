package dev.boxscore.query.service.alerts;

import dev.boxscore.alerting.rule.Metric;
import dev.boxscore.query.api.MetricsRowResponse;

/** A rule metric's value in one row of the metrics API's answer (the figure the UI shows). */
final class MetricValues {
  private MetricValues() {}

  /** The value, or null when the row has none (no call with a latency, no priced call, ...). */
  static Double of(Metric metric, MetricsRowResponse r) {
    return switch (metric) {
      case CALLS -> (double) r.calls();
      case ERRORS -> (double) r.errors();
      case ERROR_RATE -> r.calls() == 0 ? null : r.errorRate();
      case COST_USD ->
          r.cost() == null || r.cost().usd() == null ? null : r.cost().usd().doubleValue();
      case COST_PER_CALL_USD ->
          r.cost() == null || r.cost().usdPerPricedCall() == null
              ? null
              : r.cost().usdPerPricedCall().doubleValue();
      case INPUT_TOKENS -> r.tokens() == null ? null : (double) r.tokens().input();
      case OUTPUT_TOKENS -> r.tokens() == null ? null : (double) r.tokens().output();
      case OUTPUT_TOKENS_PER_CALL -> r.outputTokensPerCall();
      case LATENCY_P50_MS -> r.latencyMs() == null ? null : r.latencyMs().p50();
      case LATENCY_P90_MS -> r.latencyMs() == null ? null : r.latencyMs().p90();
      case LATENCY_P95_MS -> r.latencyMs() == null ? null : r.latencyMs().p95();
      case LATENCY_P99_MS -> r.latencyMs() == null ? null : r.latencyMs().p99();
      case TTFT_P50_MS -> r.ttftMs() == null ? null : r.ttftMs().p50();
      case TTFT_P95_MS -> r.ttftMs() == null ? null : r.ttftMs().p95();
      // Scores are not in the calls' rows: score rules read them (ScoreAverages).
      case SCORE_AVG -> null;
    };
  }

  /** A value as notifications show it: integers without decimals, else at most 4 significant. */
  static String text(Double v) {
    if (v == null) {
      return "";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString(v.longValue());
    }
    return new java.math.BigDecimal(v)
        .round(new java.math.MathContext(4))
        .stripTrailingZeros()
        .toPlainString();
  }
}
