package dev.boxscore.storage.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import com.clickhouse.data.ClickHouseColumn;
import com.clickhouse.data.ClickHouseDataType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The columns the benchmark encodes are those ingest sends to the migrated table. */
class SpansTableSchemaTest {
  @Test
  void columnsAreTheTablesLessTheComputedOnesWithTheirTypes() {
    List<ClickHouseColumn> columns = SpansTableSchema.fromMigrations().getColumns();

    List<String> names = columns.stream().map(ClickHouseColumn::getColumnName).toList();
    assertThat(names).hasSize(40).startsWith("project_id", "trace_id", "span_id");
    assertThat(names).endsWith("ingested_at", "tokens_estimated", "retention_days");
    assertThat(names).doesNotContain("user_id", "session_id", "INDEX");
    assertThat(columns.get(names.indexOf("events")).getDataType())
        .isEqualTo(ClickHouseDataType.String);
    assertThat(columns.get(names.indexOf("kind")).getDataType())
        .isEqualTo(ClickHouseDataType.Enum8);
    assertThat(columns.get(names.indexOf("cost_usd")).isNullable()).isTrue();
    assertThat(columns.get(names.indexOf("retention_days")).getDataType())
        .isEqualTo(ClickHouseDataType.UInt16);
  }
}
