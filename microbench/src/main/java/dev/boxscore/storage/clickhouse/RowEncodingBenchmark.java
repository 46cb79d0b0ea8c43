package dev.boxscore.storage.clickhouse;

import com.clickhouse.client.api.data_formats.RowBinaryFormatWriter;
import com.clickhouse.client.api.metadata.TableSchema;
import com.clickhouse.data.ClickHouseFormat;
import dev.boxscore.ingest.mapping.SpanRowFactory;
import dev.boxscore.microbench.BenchInput;
import dev.boxscore.microbench.RequestBenchmark;
import dev.boxscore.model.normalize.LlmSpanNormalizer;
import dev.boxscore.model.pricing.PriceCatalog;
import dev.boxscore.storage.SpanRow;
import dev.boxscore.wire.SpanRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Ingest's two steps after decoding a record: turning its spans into rows (attributes as text, LLM
 * spans normalized and priced) and serializing the rows as the RowBinary insert body the writer
 * streams to ClickHouse (here into memory: no network, no engine). In this package because
 * SpanRowMapper is package-private.
 */
public class RowEncodingBenchmark extends RequestBenchmark {
  /** The table's default retention, as ingest writes it for a project that set none. */
  static final int RETENTION_DAYS = 30;

  static final Instant INGESTED_AT = BenchInput.RECEIVED_AT.plusMillis(40);

  final SpanRowFactory rowFactory =
      new SpanRowFactory(new LlmSpanNormalizer(), PriceCatalog.builtIn());
  final TableSchema schema = SpansTableSchema.fromMigrations();
  final ByteArrayOutputStream body = new ByteArrayOutputStream(1 << 20);
  List<SpanRecord> records;
  List<SpanRow> rows;

  @Setup
  public void setUp() {
    records = BenchInput.records(BenchInput.request(contentBytes));
    rows = new ArrayList<>(BenchInput.SPANS);
    for (SpanRecord record : records) {
      rows.addAll(rowFactory.rows(record, INGESTED_AT));
    }
  }

  @Benchmark
  public void rows(Blackhole out) {
    for (SpanRecord record : records) {
      out.consume(rowFactory.rows(record, INGESTED_AT));
    }
  }

  @Benchmark
  public int serialize() throws IOException {
    body.reset();
    RowBinaryFormatWriter writer =
        new RowBinaryFormatWriter(body, schema, ClickHouseFormat.RowBinary);
    for (SpanRow row : rows) {
      SpanRowMapper.write(writer, row, RETENTION_DAYS);
    }
    return body.size();
  }
}
