package dev.boxscore.server;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * Counts rows of the spans table straight from ClickHouse, WITHOUT FINAL: what a materialized view
 * or a plain aggregate sees. Exactly-once means these counts equal the acknowledged spans. Values
 * go as bound parameters.
 */
final class StoredSpans {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private StoredSpans() {}

  record Totals(long rows, long distinctSpans, BigDecimal cost) {}

  /** Rows of a service in a project. */
  static Totals ofService(String projectId, String service) {
    String[] cells =
        query(
                "SELECT count(), uniqExact(trace_id, span_id), toString(sum(ifNull(cost_usd, 0)))"
                    + " FROM boxscore.spans WHERE project_id = {project:String} AND service = {service:String}"
                    + " FORMAT TabSeparated",
                "project",
                projectId,
                "service",
                service)
            .strip()
            .split("\t");
    return new Totals(
        Long.parseLong(cells[0]),
        Long.parseLong(cells[1]),
        new BigDecimal(cells[2]).stripTrailingZeros());
  }

  /**
   * LLM calls and token sums of a service in one of the rollup tables, summed over all its rows.
   */
  record Rollup(long calls, long inputTokens, long outputTokens) {}

  /**
   * Reads {@code llm_minute_rollup} or {@code llm_hour_rollup} without FINAL: every row an insert
   * added counts.
   */
  static Rollup rollup(String table, String projectId, String service) {
    if (!table.equals("llm_minute_rollup") && !table.equals("llm_hour_rollup")) {
      throw new IllegalArgumentException("not a rollup table: " + table);
    }
    String[] cells =
        query(
                "SELECT sum(calls), sum(input_tokens), sum(output_tokens) FROM boxscore."
                    + table
                    + " WHERE project_id = {project:String} AND service = {service:String} FORMAT TabSeparated",
                "project",
                projectId,
                "service",
                service)
            .strip()
            .split("\t");
    return new Rollup(Long.parseLong(cells[0]), Long.parseLong(cells[1]), Long.parseLong(cells[2]));
  }

  static String query(String sql, String... params) {
    StringBuilder url = new StringBuilder(EmbeddedInfrastructure.clickHouseUrl()).append("/?");
    for (int i = 0; i < params.length; i += 2) {
      url.append("param_")
          .append(params[i])
          .append('=')
          .append(URLEncoder.encode(params[i + 1], StandardCharsets.UTF_8))
          .append('&');
    }
    try {
      HttpResponse<String> r =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(url.toString()))
                  .header("Authorization", EmbeddedInfrastructure.clickHouseAuthorization())
                  .POST(HttpRequest.BodyPublishers.ofString(sql))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new IllegalStateException("ClickHouse answered " + r.statusCode() + ": " + r.body());
      }
      return r.body();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
