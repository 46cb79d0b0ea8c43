package dev.boxscore.storage.clickhouse;

/** The statements of scores and score configs, from {@code clickhouse/queries/*.sql}. */
final class ScoreQueries {
  static final String TRACE_SCORES = load("trace_scores");
  static final String LIST_SCORES = load("list_scores");
  static final String SCORE_AGGREGATES = load("score_aggregates");
  static final String SCORE_SAMPLES = load("score_samples");
  static final String SCORE_SAMPLES_REPEATING = load("score_samples_repeating");
  static final String PENDING_SCORE_KINDS = load("pending_score_kinds");
  static final String RESOLVE_SPAN_SCORES = load("resolve_span_scores");
  static final String RESOLVE_TRACE_SCORES = load("resolve_trace_scores");
  static final String RESOLVE_RESPONSE_SCORES = load("resolve_response_scores");
  static final String RESOLVE_SESSION_SCORES = load("resolve_session_scores");
  static final String LIST_SCORE_CONFIGS = load("list_score_configs");
  static final String INSERT_SCORE_CONFIG = load("insert_score_config");

  /** The table scores are inserted into. */
  static final String SCORES_TABLE = "scores";

  private ScoreQueries() {}

  private static String load(String name) {
    return SqlResources.load("clickhouse/queries/" + name + ".sql");
  }
}
