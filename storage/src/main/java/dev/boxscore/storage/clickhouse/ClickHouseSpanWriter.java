package dev.boxscore.storage.clickhouse;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.data_formats.RowBinaryFormatWriter;
import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.client.api.metadata.TableSchema;
import com.clickhouse.data.ClickHouseColumn;
import com.clickhouse.data.ClickHouseFormat;
import dev.boxscore.storage.SpanRow;
import dev.boxscore.storage.SpanWriter;
import dev.boxscore.storage.StorageException;
import java.util.List;

/**
 * Writes a batch as one RowBinary insert (one part in ClickHouse): binary, streamed, no per-row round trip.
 * Duplicates from retries collapse in the ReplacingMergeTree (see 0001_create_spans.sql).
 */
final class ClickHouseSpanWriter implements SpanWriter {
  private final Client client;
  private final TableSchema schema;
  private final List<String> columns;

  ClickHouseSpanWriter(Client client) {
    this.client = client;
    this.schema = client.getTableSchema(Queries.SPANS_TABLE);
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
                RowBinaryFormatWriter writer = new RowBinaryFormatWriter(out, schema, ClickHouseFormat.RowBinary);
                for (SpanRow row : rows) {
                  SpanRowMapper.write(writer, row);
                }
              },
              ClickHouseFormat.RowBinary,
              new InsertSettings())
          .get()
          .close();
    } catch (Exception e) {
      throw new StorageException("insert of " + rows.size() + " spans failed", ClickHouseStorage.unwrap(e));
    }
  }
}
