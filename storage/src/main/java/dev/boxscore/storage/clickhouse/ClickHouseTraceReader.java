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
import dev.boxscore.storage.search.SuggestField;
import dev.boxscore.storage.search.TextHit;
import dev.boxscore.storage.search.TextMatch;
import dev.boxscore.storage.search.TraceBucket;
import dev.boxscore.storage.search.TraceFilter;
import java.time.Duration;
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
  /** The first window a search reads: an hour holds a page of traces for most projects. */
  private static final long FIRST_WINDOW_NANOS = 3_600_000_000_000L;

  private static final long MAX_WINDOW_NANOS = Long.MAX_VALUE / 16;

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
    // One more than asked tells whether another page exists.
    int want = q.limit() + 1;
    Instant to = q.to();
    if (q.cursor() != null) {
      Instant afterCursor = instant(q.cursor().startNanos() + 1);
      to = afterCursor.isBefore(to) ? afterCursor : to;
    }
    // Newest first, one window of time at a time, each wider than the last: the first page of a
    // month costs what the newest hour's traces cost when they are enough to fill it.
    List<Row> rows = new ArrayList<>();
    // A selective term's windows read only its traces: fewer, wider ones cost less (each query has
    // a
    // floor of some 20 ms in the engine).
    long windowNanos =
        TraceSearchQueries.selective(q.filter()) ? 6 * FIRST_WINDOW_NANOS : FIRST_WINDOW_NANOS;
    Instant windowTo = to;
    while (rows.size() < want && windowTo.isAfter(q.from())) {
      Instant windowFrom = windowTo.minusNanos(windowNanos);
      if (windowFrom.isBefore(q.from())) {
        windowFrom = q.from();
      }
      SearchStatement statement =
          TraceSearchQueries.window(
              projectId, q.filter(), windowFrom, windowTo, q.cursor(), want - rows.size());
      int before = rows.size();
      for (GenericRecord r : query(statement.sql(), statement.params())) {
        rows.add(row(r));
      }
      windowTo = windowFrom;
      // Saturating: a range back to 1970 must not overflow the next width.
      windowNanos = Math.min(MAX_WINDOW_NANOS, windowNanos * (rows.size() == before ? 8 : 4));
    }
    TraceCursor next = null;
    if (rows.size() > q.limit()) {
      rows = new ArrayList<>(rows.subList(0, q.limit()));
      TraceSummary last = rows.get(rows.size() - 1).summary();
      next = new TraceCursor(nanos(last.startTime()), last.traceId());
    }
    List<TraceSummary> traces = withTextHits(rows, q.filter());
    return new TracePage(withPricingUnits(traces), next);
  }

  /** A listed trace and the span that matched its full-text search (null without one). */
  private record Row(TraceSummary summary, String hitSpan) {}

  private static Row row(GenericRecord r) {
    TraceSummary summary =
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
            r.getString("trace_user"),
            r.getString("trace_session"),
            null,
            List.of());
    return new Row(summary, r.hasValue("hit_span") ? r.getString("hit_span") : null);
  }

  private List<TraceSummary> withTextHits(List<Row> rows, TraceFilter filter) {
    TextMatch first = filter.texts().stream().filter(t -> !t.negated()).findFirst().orElse(null);
    List<Row> hits =
        rows.stream().filter(r -> r.hitSpan() != null && !r.hitSpan().isEmpty()).toList();
    if (first == null || hits.isEmpty()) {
      return rows.stream().map(Row::summary).toList();
    }
    Instant from = hits.stream().map(r -> r.summary().startTime()).min(Instant::compareTo).get();
    Instant to = hits.stream().map(r -> r.summary().startTime()).max(Instant::compareTo).get();
    SearchStatement statement =
        TraceSearchQueries.textHits(
            projectId,
            first.phrase(),
            hits.stream().map(r -> r.summary().traceId() + ":" + r.hitSpan()).toList(),
            from,
            to.plusNanos(1));
    Map<String, TextHit> byTrace = new HashMap<>();
    for (GenericRecord r : query(statement.sql(), statement.params())) {
      String key = r.getString("hit_key");
      byTrace.put(
          r.getString("trace_id"),
          new TextHit(
              r.getString("span_id"),
              r.getString("hit_field"),
              key.isEmpty() ? null : key,
              r.getString("excerpt")));
    }
    return rows.stream()
        .map(r -> r.summary().withTextHit(byTrace.get(r.summary().traceId())))
        .toList();
  }

  @Override
  public List<TraceBucket> histogram(
      TraceFilter filter, Instant from, Instant to, Duration bucket) {
    long bucketSeconds = Math.max(1, bucket.toSeconds());
    SearchStatement statement =
        TraceSearchQueries.histogram(projectId, filter, from, to, bucketSeconds);
    Map<Long, long[]> counts = new HashMap<>();
    for (GenericRecord r : query(statement.sql(), statement.params())) {
      counts.put(r.getLong("bucket"), new long[] {r.getLong("traces"), r.getLong("errors")});
    }
    List<TraceBucket> out = new ArrayList<>();
    long buckets = (Duration.between(from, to).toSeconds() + bucketSeconds - 1) / bucketSeconds;
    for (long i = 0; i < buckets; i++) {
      long[] c = counts.getOrDefault(i, new long[2]);
      out.add(new TraceBucket(from.plusSeconds(i * bucketSeconds), c[0], c[1]));
    }
    return out;
  }

  @Override
  public List<String> suggest(
      SuggestField field, String attributeKey, String prefix, Instant from, Instant to, int limit) {
    SearchStatement statement =
        TraceSearchQueries.suggest(projectId, field, attributeKey, prefix, from, to, limit);
    List<String> values = new ArrayList<>();
    for (GenericRecord r : query(statement.sql(), statement.params())) {
      values.add(r.getString("v"));
    }
    return values;
  }

  /**
   * The page's traces with what their LLM calls are priced by (read for the page only, not for
   * every match).
   */
  private List<TraceSummary> withPricingUnits(List<TraceSummary> traces) {
    List<String> withCalls =
        traces.stream().filter(t -> t.llmCalls() > 0).map(TraceSummary::traceId).toList();
    if (withCalls.isEmpty()) {
      return traces;
    }
    Map<String, Object> params = new HashMap<>();
    params.put("project", projectId);
    // Stored trace ids are hex (the collector checks them), so a comma never occurs in one.
    params.put("trace_ids", String.join(",", withCalls));
    // The spans the listing counted: those within the search's slack of the page's traces.
    Instant first = traces.stream().map(TraceSummary::startTime).min(Instant::compareTo).get();
    Instant last = traces.stream().map(TraceSummary::startTime).max(Instant::compareTo).get();
    params.put("from_ns", nanos(first) - TraceSearchQueries.SLACK_NANOS);
    params.put("to_ns", nanos(last) + TraceSearchQueries.SLACK_NANOS);
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

  static Instant instant(long nanos) {
    return Instant.ofEpochSecond(
        Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
  }

  static long nanos(Instant instant) {
    return Math.addExact(
        Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
  }
}
