package dev.boxscore.storage.clickhouse;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.GenericRecord;
import dev.boxscore.storage.StorageException;
import dev.boxscore.storage.prompts.PromptReader;
import dev.boxscore.storage.prompts.PromptSeen;
import dev.boxscore.storage.prompts.PromptTemplate;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads prompt versions from {@code llm_minute_rollup} and {@code spans} with {@link
 * PromptQueries}.
 */
final class ClickHousePromptReader implements PromptReader {

  private final BoundStatements client;
  private final String projectId;

  ClickHousePromptReader(Client client, String projectId) {
    this.client = new BoundStatements(client);
    this.projectId = Objects.requireNonNull(projectId, "projectId");
  }

  @Override
  public String projectId() {
    return projectId;
  }

  @Override
  public List<PromptSeen> seen(Instant from, Instant to, String fingerprint) {
    Map<String, Object> params = new HashMap<>();
    params.put("project", projectId);
    params.put("from_s", from.getEpochSecond());
    // The first minute NOT included: a range ending inside a minute includes that minute.
    params.put(
        "to_s", Math.floorDiv(to.getEpochSecond() + 59 + (to.getNano() > 0 ? 1 : 0), 60) * 60);
    params.put("fingerprint", fingerprint == null ? "" : fingerprint);
    return query(PromptQueries.PROMPT_VERSIONS_SEEN, params).stream()
        .map(
            r ->
                new PromptSeen(
                    r.getString("prompt_fingerprint"),
                    r.getString("prompt_version"),
                    r.getInstant("first_minute"),
                    r.getInstant("last_minute"),
                    r.getLong("n_calls")))
        .toList();
  }

  @Override
  public List<PromptTemplate> templates(Instant from, Instant to, String fingerprint) {
    Map<String, Object> params = new HashMap<>();
    params.put("project", projectId);
    params.put("from_ms", from.toEpochMilli());
    params.put("to_ms", to.toEpochMilli());
    params.put("fingerprint", fingerprint == null ? "" : fingerprint);
    return query(PromptQueries.PROMPT_TEMPLATES, params).stream()
        .map(
            r ->
                new PromptTemplate(
                    r.getString("prompt_fingerprint"),
                    r.getString("prompt_version"),
                    blankToNull(r.getString("p_name")),
                    blankToNull(r.getString("p_template")),
                    r.getLong("n_templates") == 0 ? null : r.getInstant("captured_at")))
        .toList();
  }

  private static String blankToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  private List<GenericRecord> query(String sql, Map<String, Object> params) {
    try {
      return client.queryAll(sql, params);
    } catch (RuntimeException e) {
      throw new StorageException("prompt query failed", e);
    }
  }
}
