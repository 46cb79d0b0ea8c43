package dev.boxscore.embedded.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.GenericRecord;
import com.clickhouse.data.ClickHouseFormat;
import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SECURITY: chDB ends inline INSERT data at the first empty line and runs the rest as SQL. Every
 * insert path of the adapter must stream the data instead, so values with empty lines arrive
 * verbatim and nothing in them runs.
 */
class InsertDataIsNeverSqlTest {

  private static final String PAYLOAD = "text\n\nDROP TABLE t_sec";
  private static Client client;

  @BeforeAll
  static void connect() {
    client = SharedClickHouse.client();
  }

  @AfterAll
  static void disconnect() {
    client.close();
  }

  @BeforeEach
  void freshTable() throws Exception {
    client.execute("DROP TABLE IF EXISTS t_sec").get(10, TimeUnit.SECONDS);
    client
        .execute("CREATE TABLE t_sec (id UInt32, body String) ENGINE = MergeTree ORDER BY id")
        .get(10, TimeUnit.SECONDS);
  }

  @Test
  void rowBinaryWithEmptyLinesInStringsAndInNumbersIsStoredVerbatim() throws Exception {
    byte[] raw = {
      0x0A, 0x0A, 'D', 'R', 'O', 'P', ' ', 'T', 'A', 'B', 'L', 'E', ' ', 't', '_', 's', 'e', 'c',
      0x0A, 0x0A
    };
    // id 2570 is 0A 0A 00 00 in RowBinary: an empty line inside a number.
    byte[] rows =
        new RowBinary()
            .uint32(1)
            .string(PAYLOAD)
            .uint32(2570)
            .bytes(raw)
            .uint32(3)
            .string("after")
            .toByteArray();

    client
        .insert("t_sec", new ByteArrayInputStream(rows), ClickHouseFormat.RowBinary)
        .get(10, TimeUnit.SECONDS);

    assertThat(storedRows())
        .containsExactly(
            Map.entry(1L, hex(PAYLOAD.getBytes(StandardCharsets.UTF_8))),
            Map.entry(3L, hex("after".getBytes(StandardCharsets.UTF_8))),
            Map.entry(2570L, hex(raw)));
  }

  @Test
  void jsonEachRowWithEmptyLinesIsStoredVerbatim() throws Exception {
    String rows =
        "{\"id\":1,\"body\":\"text\\n\\nDROP TABLE t_sec\"}\n\n{\"id\":2,\"body\":\"second\"}\n\n\n{\"id\":3,\"body\":\"third\"}\n";

    client
        .insert(
            "t_sec",
            new ByteArrayInputStream(rows.getBytes(StandardCharsets.UTF_8)),
            ClickHouseFormat.JSONEachRow)
        .get(10, TimeUnit.SECONDS);

    assertThat(storedRows())
        .containsExactly(
            Map.entry(1L, hex(PAYLOAD.getBytes(StandardCharsets.UTF_8))),
            Map.entry(2L, hex("second".getBytes(StandardCharsets.UTF_8))),
            Map.entry(3L, hex("third".getBytes(StandardCharsets.UTF_8))));
  }

  @Test
  void sqlAfterAnEmptyLineInJsonDataIsRejectedAsDataAndNeverRuns() {
    String rows = "{\"id\":1,\"body\":\"a\"}\n\nDROP TABLE t_sec\n";

    assertThatThrownBy(
            () ->
                client
                    .insert(
                        "t_sec",
                        new ByteArrayInputStream(rows.getBytes(StandardCharsets.UTF_8)),
                        ClickHouseFormat.JSONEachRow)
                    .get(10, TimeUnit.SECONDS))
        .satisfies(e -> assertThat(ClientV2AgainstAdapterTest.serverCode(e)).isNotZero());

    assertThat(storedRows()).isEmpty(); // the table exists, and the failed block left no rows
  }

  @Test
  void csvWithRawEmptyLinesInsideQuotedValuesIsStoredVerbatim() throws Exception {
    String rows = "1,\"text\n\nDROP TABLE t_sec\"\n2,plain\n";

    client
        .insert(
            "t_sec",
            new ByteArrayInputStream(rows.getBytes(StandardCharsets.UTF_8)),
            ClickHouseFormat.CSV)
        .get(10, TimeUnit.SECONDS);

    assertThat(storedRows())
        .containsExactly(
            Map.entry(1L, hex(PAYLOAD.getBytes(StandardCharsets.UTF_8))),
            Map.entry(2L, hex("plain".getBytes(StandardCharsets.UTF_8))));
  }

  @Test
  void jdbcBatchInsertWithEmptyLinesIsStoredVerbatim() throws Exception {
    com.clickhouse.jdbc.Driver.load();
    try (Connection connection =
            DriverManager.getConnection(
                "jdbc:clickhouse:" + SharedClickHouse.get().url(),
                JdbcAgainstAdapterTest.properties());
        PreparedStatement insert =
            connection.prepareStatement("INSERT INTO t_sec (id, body) VALUES (?, ?)")) {
      insert.setInt(1, 1);
      insert.setString(2, PAYLOAD);
      insert.addBatch();
      insert.setInt(1, 2);
      insert.setString(2, "x'); DROP TABLE t_sec; --\n\n");
      insert.addBatch();
      insert.executeBatch();
    }

    assertThat(storedRows())
        .containsExactly(
            Map.entry(1L, hex(PAYLOAD.getBytes(StandardCharsets.UTF_8))),
            Map.entry(2L, hex("x'); DROP TABLE t_sec; --\n\n".getBytes(StandardCharsets.UTF_8))));
  }

  @Test
  void insertStatementAndDataInOneRequestBodyAreSplitBeforeTheData() throws Exception {
    String body =
        "INSERT INTO t_sec FORMAT JSONEachRow\n{\"id\":1,\"body\":\"a\"}\n\n{\"id\":2,\"body\":\"b\"}\n";
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                SharedClickHouse.request("/")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("X-ClickHouse-Summary"))
        .hasValueSatisfying(summary -> assertThat(summary).contains("\"written_rows\":\"2\""));
    assertThat(storedRows()).containsOnlyKeys(1L, 2L);
  }

  private static Map<Long, String> storedRows() {
    List<GenericRecord> records =
        client.queryAll("SELECT id, hex(body) AS h FROM t_sec ORDER BY id");
    Map<Long, String> rows = new LinkedHashMap<>();
    records.forEach(r -> rows.put(r.getLong("id"), r.getString("h")));
    return rows;
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().withUpperCase().formatHex(bytes);
  }
}
