package dev.boxscore.storage.clickhouse;

/** The statements of prompt versions, from {@code clickhouse/queries/*.sql}. */
final class PromptQueries {
  static final String PROMPT_VERSIONS_SEEN = load("prompt_versions_seen");
  static final String PROMPT_TEMPLATES = load("prompt_templates");

  private PromptQueries() {}

  private static String load(String name) {
    return SqlResources.load("clickhouse/queries/" + name + ".sql");
  }
}
