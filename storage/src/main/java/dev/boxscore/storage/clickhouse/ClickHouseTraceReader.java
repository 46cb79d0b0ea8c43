package dev.boxscore.storage.clickhouse;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.GenericRecord;
import dev.boxscore.storage.SpanRow;
import dev.boxscore.storage.StorageException;
import dev.boxscore.storage.TraceCursor;
import dev.boxscore.storage.TracePage;
import dev.boxscore.storage.TraceQuery;
import dev.boxscore.storage.TraceReader;
import dev.boxscore.storage.TraceSummary;
import dev.boxscore.storage.analytics.Group;
import dev.boxscore.storage.analytics.PricingUnit;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads traces with the statements in {@code clickhouse/queries}; every value is a bound parameter.
 */
final class ClickHouseTraceReader implements TraceReader {

  private final BoundStatements client;
  private final String projectId;

  ClickHouseTraceReader(Client client, String projectId) {
    this.client = new BoundStatements(client);
    this.projectId = Objects.requireNonNull(projectId, "projectId");
  }

  @Override
  public String projectId() {
    return projectId;
  }

  @Override
  public TracePage findTraces(TraceQuery q) {
    Map<String, Object> params = new HashMap<>();
    params.put("project", projectId);
    params.put("service", q.service() == null ? "" : q.service());
    params.put("model", q.model() == null ? "" : q.model());
    params.put("from_ns", nanos(q.from()));
    params.put("to_ns", nanos(q.to()));
    params.put("cursor_start_ns", q.cursor() == null ? 0L : q.cursor().startNanos());
    params.put("cursor_trace_id", q.cursor() == null ? "" : q.cursor().traceId());
    // One more than asked tells whether another page exists.
    params.put("limit", q.limit() + 1);
    List<TraceSummary> traces = new ArrayList<>();
    for (GenericRecord r : query(Queries.FIND_TRACES, params)) {
      traces.add(
          new TraceSummary(
              r.getString("trace_id"),
              r.getString("root_service"),
              r.getString("root_name"),
              r.getInstant("trace_start"),
              r.getLong("trace_duration_ns"),
              r.getLong("span_count"),
              r.getLong("llm_calls"),
              r.getLong("total_input_tokens"),
              r.getLong("total_output_tokens"),
              r.getLong("estimated_calls"),
              r.getList("models"),
              r.getBoolean("has_error"),
              List.of()));
    }
    TraceCursor next = null;
    if (traces.size() > q.limit()) {
      traces = new ArrayList<>(traces.subList(0, q.limit()));
      TraceSummary last = traces.get(traces.size() - 1);
      next = new TraceCursor(nanos(last.startTime()), last.traceId());
    }
    return new TracePage(withPricingUnits(traces, q), next);
  }

  /**
   * The page's traces with what their LLM calls are priced by (read for the page only, not for
   * every match).
   */
  private List<TraceSummary> withPricingUnits(List<TraceSummary> traces, TraceQuery q) {
    List<String> withCalls =
        traces.stream().filter(t -> t.llmCalls() > 0).map(TraceSummary::traceId).toList();
    if (withCalls.isEmpty()) {
      return traces;
    }
    Map<String, Object> params = new HashMap<>();
    params.put("project", projectId);
    // Stored trace ids are hex (the collector checks them), so a comma never occurs in one.
    params.put("trace_ids", String.join(",", withCalls));
    params.put("from_ns", nanos(q.from()));
    params.put("to_ns", nanos(q.to()));
    Map<String, List<PricingUnit>> units = new HashMap<>();
    for (GenericRecord r : query(Queries.TRACE_PRICING_UNITS, params)) {
      units
          .computeIfAbsent(r.getString("trace_id"), id -> new ArrayList<>())
          .add(PricingUnitMapper.read(r, Group.NONE));
    }
    return traces.stream()
        .map(t -> t.withPricingUnits(units.getOrDefault(t.traceId(), List.of())))
        .toList();
  }

  @Override
  public List<SpanRow> getTrace(String traceId, int limit) {
    List<SpanRow> spans = new ArrayList<>();
    for (GenericRecord r :
        query(
            Queries.GET_TRACE, Map.of("project", projectId, "trace_id", traceId, "limit", limit))) {
      spans.add(SpanRowMapper.read(projectId, r));
    }
    return spans;
  }

  @Override
  public List<String> services(Instant since) {
    return column(Queries.LIST_SERVICES, "service", since);
  }

  @Override
  public List<String> models(Instant since) {
    return column(Queries.LIST_MODELS, "model", since);
  }

  private List<String> column(String sql, String column, Instant since) {
    List<String> values = new ArrayList<>();
    for (GenericRecord r : query(sql, Map.of("project", projectId, "from_ns", nanos(since)))) {
      values.add(r.getString(column));
    }
    return values;
  }

  private List<GenericRecord> query(String sql, Map<String, Object> params) {
    try {
      return client.queryAll(sql, params);
    } catch (RuntimeException e) {
      throw new StorageException("query failed", e);
    }
  }

  static long nanos(Instant instant) {
    return Math.addExact(
        Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
  }
}
