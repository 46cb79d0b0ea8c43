package dev.boxscore.storage.clickhouse;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.data_formats.RowBinaryFormatWriter;
import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.client.api.metadata.TableSchema;
import com.clickhouse.client.api.query.GenericRecord;
import com.clickhouse.data.ClickHouseColumn;
import com.clickhouse.data.ClickHouseFormat;
import dev.boxscore.storage.SpanKey;
import dev.boxscore.storage.SpanRow;
import dev.boxscore.storage.SpanWriter;
import dev.boxscore.storage.StorageException;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.ToIntFunction;

/**
 * Writes a batch as one RowBinary insert (one part in ClickHouse): binary, streamed, no per-row
 * round trip. Ingest skips spans already stored ({@link #alreadyStored}); should one slip through
 * anyway (a partition moved between two consumers mid-batch), the ReplacingMergeTree collapses it
 * for readers (see 0001_create_spans.sql).
 */
final class ClickHouseSpanWriter implements SpanWriter {
  private final Client client;
  private final TableSchema schema;
  private final List<String> columns;
  private final ToIntFunction<String> retentionDays;

  ClickHouseSpanWriter(Client client, ToIntFunction<String> retentionDays) {
    this.client = client;
    this.retentionDays = retentionDays;
    // Columns the engine computes (MATERIALIZED, such as user_id from the attributes) are not sent.
    TableSchema table = client.getTableSchema(Queries.SPANS_TABLE);
    this.schema =
        new TableSchema(
            table.getTableName(),
            table.getQuery(),
            table.getDatabaseName(),
            table.getColumns().stream()
                .filter(
                    c ->
                        c.getDefaultValue() != ClickHouseColumn.DefaultValue.MATERIALIZED
                            && c.getDefaultValue() != ClickHouseColumn.DefaultValue.ALIAS)
                .toList());
    this.columns = schema.getColumns().stream().map(ClickHouseColumn::getColumnName).toList();
  }

  @Override
  public void write(List<SpanRow> rows) {
    if (rows.isEmpty()) {
      return;
    }
    try {
      client
          .insert(
              Queries.SPANS_TABLE,
              columns,
              out -> {
                RowBinaryFormatWriter writer =
                    new RowBinaryFormatWriter(out, schema, ClickHouseFormat.RowBinary);
                for (SpanRow row : rows) {
                  SpanRowMapper.write(writer, row, retentionDays.applyAsInt(row.projectId()));
                }
              },
              ClickHouseFormat.RowBinary,
              // Ingest's duplicate gate already drops a span a batch holds twice, so the engine's
              // own dedup of each
              // insert block (optimize_on_insert, on by default for ReplacingMergeTree) was wasted
              // work: 87% of an
              // insert's time in a measurement (2.4 s -> 0.3 s for 333k spans). Views still see
              // every row as sent,
              // and a duplicate that reaches spans anyway collapses under FINAL and at merges, as
              // before.
              new InsertSettings().serverSetting("optimize_on_insert", "0"))
          .get()
          .close();
    } catch (Exception e) {
      throw new StorageException(
          "insert of " + rows.size() + " spans failed", ClickHouseStorage.unwrap(e));
    }
  }

  @Override
  public Set<SpanKey> alreadyStored(Collection<SpanRow> candidates) {
    Set<SpanKey> wanted = new HashSet<>();
    Map<String, Lookup> byProject = new LinkedHashMap<>();
    for (SpanRow row : candidates) {
      wanted.add(SpanKey.of(row));
      byProject.computeIfAbsent(row.projectId(), p -> new Lookup()).add(row);
    }
    Set<SpanKey> stored = new HashSet<>();
    try {
      for (Map.Entry<String, Lookup> e : byProject.entrySet()) {
        // Trace ids are hex (checked by the collector), so a comma never occurs in one.
        Map<String, Object> params =
            Map.of(
                "project",
                e.getKey(),
                "trace_ids",
                String.join(",", e.getValue().traceIds),
                "from_ns",
                e.getValue().fromNanos,
                "to_ns",
                e.getValue().toNanos);
        for (GenericRecord r :
            new BoundStatements(client).queryAll(Queries.STORED_SPAN_IDS, params)) {
          SpanKey key = new SpanKey(e.getKey(), r.getString("trace_id"), r.getString("span_id"));
          if (wanted.contains(key)) {
            stored.add(key);
          }
        }
      }
    } catch (RuntimeException e) {
      throw new StorageException("looking up stored spans failed", ClickHouseStorage.unwrap(e));
    }
    return stored;
  }

  /** One project's candidates: their trace ids and the range of their start times. */
  private static final class Lookup {
    final Set<String> traceIds = new TreeSet<>();
    long fromNanos = Long.MAX_VALUE;
    long toNanos = Long.MIN_VALUE;

    void add(SpanRow row) {
      traceIds.add(row.traceId());
      long nanos = epochNanos(row.startTime());
      fromNanos = Math.min(fromNanos, nanos);
      toNanos = Math.max(toNanos, nanos);
    }

    /** DateTime64(9) spans 1900 to 2262, as do epoch nanoseconds in a long. */
    private static long epochNanos(java.time.Instant t) {
      try {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
      } catch (ArithmeticException e) {
        return t.getEpochSecond() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
      }
    }
  }
}
