package dev.boxscore.storage.clickhouse;

/** The analytics and price statements, loaded once from {@code clickhouse/queries/*.sql}. */
final class AnalyticsQueries {
  static final String ROLLUP_STATS = load("rollup_stats");
  static final String ROLLUP_PRICING_UNITS = load("rollup_pricing_units");
  static final String ROLLUP_MODEL_VARIANTS = load("rollup_model_variants");
  static final String ROLLUP_STATS_BY_MODEL = load("rollup_stats_by_model");
  static final String ROLLUP_PRICING_UNITS_BY_MODEL = load("rollup_pricing_units_by_model");
  static final String ROLLUP_MODEL_VARIANTS_BY_MODEL = load("rollup_model_variants_by_model");
  static final String ROLLUP_STATS_BY_SLICE = load("rollup_stats_by_slice");
  static final String ROLLUP_PRICING_UNITS_BY_SLICE = load("rollup_pricing_units_by_slice");
  static final String DRIFT_SAMPLES = load("drift_samples");
  static final String SCORE_AVERAGES = load("score_averages");
  static final String CALL_HISTOGRAMS = load("call_histograms");
  static final String USER_PRICING_UNITS = load("user_pricing_units");
  static final String LIST_PROJECT_PRICES = load("list_project_prices");
  static final String INSERT_PROJECT_PRICE = load("insert_project_price");

  private AnalyticsQueries() {}

  private static String load(String name) {
    return SqlResources.load("clickhouse/queries/" + name + ".sql");
  }
}
