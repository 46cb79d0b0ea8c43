package dev.boxscore.embedded.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.ServerException;
import com.clickhouse.client.api.insert.InsertResponse;
import com.clickhouse.client.api.query.GenericRecord;
import com.clickhouse.data.ClickHouseFormat;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ClientV2AgainstAdapterTest {

  private static final Instant FIRST_TS = Instant.ofEpochSecond(1_700_000_000L, 123_456_789L);
  private static Client client;

  @BeforeAll
  static void connect() {
    client = SharedClickHouse.client();
  }

  @AfterAll
  static void disconnect() {
    client.close();
  }

  static void createSpanTable(Client client, String table) throws Exception {
    client
        .execute(
            """
                CREATE TABLE %s (
                    id UInt64,
                    ts DateTime64(9, 'UTC'),
                    model LowCardinality(String),
                    attributes Map(LowCardinality(String), String),
                    tags Array(String),
                    error Nullable(String),
                    cost Decimal(18, 4)
                ) ENGINE = MergeTree ORDER BY id"""
                .formatted(table))
        .get(10, TimeUnit.SECONDS);
  }

  @Test
  void rowBinaryInsertIsReadBackWithEveryType() throws Exception {
    createSpanTable(client, "spans_rowbinary");
    byte[] rows =
        new RowBinary()
            .uint64(1)
            .int64(FIRST_TS.getEpochSecond() * 1_000_000_000L + FIRST_TS.getNano())
            .string("gpt-4o")
            .stringMap(Map.of("llm.provider", "openai"))
            .stringArray(List.of("a", "b"))
            .nullableString(null)
            .decimal64(new BigDecimal("0.0125"), 4)
            .uint64(2)
            .int64(0)
            .string("claude")
            .stringMap(Map.of())
            .stringArray(List.of())
            .nullableString("timeout")
            .decimal64(new BigDecimal("-3.5"), 4)
            .toByteArray();

    InsertResponse response =
        client
            .insert("spans_rowbinary", new ByteArrayInputStream(rows), ClickHouseFormat.RowBinary)
            .get(10, TimeUnit.SECONDS);

    assertThat(response.getWrittenRows()).isEqualTo(2);
    List<GenericRecord> records = client.queryAll("SELECT * FROM spans_rowbinary ORDER BY id");
    assertThat(records).hasSize(2);
    GenericRecord first = records.get(0);
    assertThat(first.getLong("id")).isEqualTo(1);
    assertThat(first.getInstant("ts")).isEqualTo(FIRST_TS);
    assertThat(first.getString("model")).isEqualTo("gpt-4o");
    assertThat(first.getObject("attributes")).isEqualTo(Map.of("llm.provider", "openai"));
    assertThat(first.<String>getList("tags")).containsExactly("a", "b");
    assertThat(first.getObject("error")).isNull();
    assertThat(first.getBigDecimal("cost")).isEqualByComparingTo("0.0125");
    GenericRecord second = records.get(1);
    assertThat(second.getInstant("ts")).isEqualTo(Instant.EPOCH);
    assertThat(second.getString("error")).isEqualTo("timeout");
    assertThat(second.getBigDecimal("cost")).isEqualByComparingTo("-3.5");
  }

  @Test
  void jsonEachRowInsertIsReadBack() throws Exception {
    createSpanTable(client, "spans_json");
    String rows =
        """
                {"id":7,"ts":"2023-11-14 22:13:20.123456789","model":"gpt-4o-mini","attributes":{"k":"v"},"tags":["x"],"error":null,"cost":"1.2345"}
                {"id":8,"ts":"1970-01-01 00:00:00","model":"m","attributes":{},"tags":[],"error":"boom","cost":"0"}
                """;

    InsertResponse response =
        client
            .insert(
                "spans_json",
                new ByteArrayInputStream(rows.getBytes(StandardCharsets.UTF_8)),
                ClickHouseFormat.JSONEachRow)
            .get(10, TimeUnit.SECONDS);

    assertThat(response.getWrittenRows()).isEqualTo(2);
    List<GenericRecord> records =
        client.queryAll("SELECT id, ts, model, cost, error FROM spans_json ORDER BY id");
    assertThat(records).extracting(r -> r.getLong("id")).containsExactly(7L, 8L);
    assertThat(records.get(0).getInstant("ts")).isEqualTo(FIRST_TS);
    assertThat(records.get(0).getBigDecimal("cost")).isEqualByComparingTo("1.2345");
    assertThat(records.get(1).getString("error")).isEqualTo("boom");
  }

  @Test
  void boundParameterFiltersRows() throws Exception {
    client
        .execute(
            "CREATE TABLE models_param (name String, n UInt32) ENGINE = MergeTree ORDER BY name")
        .get(10, TimeUnit.SECONDS);
    client
        .execute("INSERT INTO models_param VALUES ('gpt-4o', 1), ('it''s', 2), ('other', 3)")
        .get(10, TimeUnit.SECONDS);

    List<GenericRecord> plain =
        client.queryAll(
            "SELECT n FROM models_param WHERE name = {name:String}", Map.of("name", "gpt-4o"));
    List<GenericRecord> quoted =
        client.queryAll(
            "SELECT n FROM models_param WHERE name = {name:String}", Map.of("name", "it's"));

    assertThat(plain).extracting(r -> r.getLong("n")).containsExactly(1L);
    assertThat(quoted).extracting(r -> r.getLong("n")).containsExactly(2L);
  }

  @Test
  void syntaxErrorCarriesClickHouseCodeAndTheNextQueryIsClean() throws Exception {
    assertThatThrownBy(() -> client.query("SELEC 1").get(10, TimeUnit.SECONDS))
        .satisfies(e -> assertThat(serverCode(e)).isEqualTo(62))
        .hasMessageContaining("Syntax error");

    assertThat(client.queryAll("SELECT 42 AS answer"))
        .extracting(r -> r.getLong("answer"))
        .containsExactly(42L);
  }

  @Test
  void queryFailingAfterPartialOutputLeavesNothingForTheNextQuery() throws Exception {
    // Enough blocks are produced before the exception to leave partial output in chDB's buffer.
    assertThatThrownBy(
            () ->
                client.queryAll(
                    "SELECT number, throwIf(number = 90000, 'boom') FROM numbers(100000) SETTINGS max_block_size = 1000"))
        .satisfies(e -> assertThat(serverCode(e)).isEqualTo(395));

    for (int i = 0; i < 3; i++) {
      assertThat(client.queryAll("SELECT 7 AS seven"))
          .extracting(r -> r.getLong("seven"))
          .containsExactly(7L);
    }
  }

  @Test
  void defaultDatabaseOfTheClientIsTheSessionDatabase() throws Exception {
    client.execute("CREATE DATABASE IF NOT EXISTS tenant_a").get(10, TimeUnit.SECONDS);
    try (Client tenant = SharedClickHouse.client(SharedClickHouse.get(), "tenant_a")) {
      tenant
          .execute("CREATE TABLE events (n UInt8) ENGINE = MergeTree ORDER BY n")
          .get(10, TimeUnit.SECONDS);
      tenant
          .insert(
              "events",
              new ByteArrayInputStream("{\"n\":5}\n".getBytes(StandardCharsets.UTF_8)),
              ClickHouseFormat.JSONEachRow)
          .get(10, TimeUnit.SECONDS);

      // Interleaved with the default database on the same pooled connections.
      assertThat(client.queryAll("SELECT currentDatabase() AS db"))
          .extracting(r -> r.getString("db"))
          .containsExactly("default");
      assertThat(tenant.queryAll("SELECT n FROM events"))
          .extracting(r -> r.getLong("n"))
          .containsExactly(5L);
      assertThat(client.queryAll("SELECT count() AS c FROM tenant_a.events"))
          .extracting(r -> r.getLong("c"))
          .containsExactly(1L);
    }
    try (Client missing = SharedClickHouse.client(SharedClickHouse.get(), "no_such_db")) {
      assertThatThrownBy(() -> missing.queryAll("SELECT 1"))
          .satisfies(e -> assertThat(serverCode(e)).isEqualTo(81));
    }
  }

  @Test
  void sessionTimezoneIsUtcAsTheResponseHeaderSays() {
    assertThat(client.queryAll("SELECT timezone() AS tz"))
        .extracting(r -> r.getString("tz"))
        .containsExactly("UTC");
  }

  /**
   * The ClickHouse code of the ServerException in {@code thrown}'s cause chain (the client may wrap
   * it).
   */
  static int serverCode(Throwable thrown) {
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      if (t instanceof ServerException server) {
        return server.getCode();
      }
    }
    throw new AssertionError("no ServerException in the cause chain", thrown);
  }
}
