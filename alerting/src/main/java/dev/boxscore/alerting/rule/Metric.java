package dev.boxscore.alerting.rule;

import java.util.Optional;

/** What a threshold or drift rule measures over its window, by its API name. */
public enum Metric {
  CALLS("calls"),
  ERRORS("errors"),
  ERROR_RATE("error_rate"),
  COST_USD("cost_usd"),
  COST_PER_CALL_USD("cost_per_call_usd"),
  INPUT_TOKENS("input_tokens"),
  OUTPUT_TOKENS("output_tokens"),
  OUTPUT_TOKENS_PER_CALL("output_tokens_per_call"),
  LATENCY_P50_MS("latency_p50_ms"),
  LATENCY_P90_MS("latency_p90_ms"),
  LATENCY_P95_MS("latency_p95_ms"),
  LATENCY_P99_MS("latency_p99_ms"),
  TTFT_P50_MS("ttft_p50_ms"),
  TTFT_P95_MS("ttft_p95_ms"),
  /**
   * The average of the rule's {@code score} over the calls scored in the window (a boolean's is its
   * share true); a drift rule tests the score by its type (the drift API's {@code score:<name>}).
   */
  SCORE_AVG("score_avg");

  private final String apiName;

  Metric(String apiName) {
    this.apiName = apiName;
  }

  public String apiName() {
    return apiName;
  }

  /**
   * Whether the metric needs the rollups' quantile states (the expensive part of a metrics query);
   * the others come from token sums alone.
   */
  public boolean needsQuantiles() {
    return apiName.startsWith("latency_") || apiName.startsWith("ttft_");
  }

  /**
   * The drift API's metric this one is tested as: a drift rule compares whole distributions, so
   * every latency quantile is the latency distribution.
   */
  public Optional<String> driftMetric() {
    return switch (this) {
      case LATENCY_P50_MS, LATENCY_P90_MS, LATENCY_P95_MS, LATENCY_P99_MS ->
          Optional.of("latency_ms");
      case TTFT_P50_MS, TTFT_P95_MS -> Optional.of("ttft_ms");
      case COST_PER_CALL_USD -> Optional.of("cost_per_call_usd");
      case OUTPUT_TOKENS_PER_CALL -> Optional.of("output_tokens_per_call");
      case ERROR_RATE -> Optional.of("error_rate");
      case SCORE_AVG -> Optional.of("score");
      default -> Optional.empty();
    };
  }

  /** Whether the metric is about a score, named by the rule's {@code score}, not the calls. */
  public boolean isScore() {
    return this == SCORE_AVG;
  }

  public static Optional<Metric> fromApiName(String name) {
    for (Metric m : values()) {
      if (m.apiName.equals(name)) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }
}
