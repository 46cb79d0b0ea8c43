package dev.boxscore.storage.clickhouse;

/** Every data statement Boxscore runs, loaded once from {@code clickhouse/queries/*.sql}. */
final class Queries {
  static final String GET_TRACE = load("get_trace");
  static final String LIST_SERVICES = load("list_services");
  static final String LIST_MODELS = load("list_models");
  static final String TRACE_PRICING_UNITS = load("trace_pricing_units");
  static final String STORED_SPAN_IDS = load("stored_span_ids");
  static final String LIST_SAVED_VIEWS = load("list_saved_views");
  static final String INSERT_SAVED_VIEW = load("insert_saved_view");

  /** The table the span writer inserts into. */
  static final String SPANS_TABLE = "spans";

  private Queries() {}

  private static String load(String name) {
    return SqlResources.load("clickhouse/queries/" + name + ".sql");
  }
}
