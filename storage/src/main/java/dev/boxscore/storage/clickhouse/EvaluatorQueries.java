package dev.boxscore.storage.clickhouse;

/** The statements of LLM-as-judge evaluators, from {@code clickhouse/queries/*.sql}. */
final class EvaluatorQueries {
  static final String LIST_EVALUATORS = load("list_evaluators");
  static final String LIST_ALL_EVALUATORS = load("list_all_evaluators");
  static final String INSERT_EVALUATOR = load("insert_evaluator");
  static final String JUDGE_CANDIDATES = load("judge_candidates");
  static final String INSERT_JUDGE_ROUND = load("insert_judge_round");
  static final String JUDGE_CURSOR = load("judge_cursor");
  static final String JUDGE_DAY = load("judge_day");

  private EvaluatorQueries() {}

  private static String load(String name) {
    return SqlResources.load("clickhouse/queries/" + name + ".sql");
  }
}
