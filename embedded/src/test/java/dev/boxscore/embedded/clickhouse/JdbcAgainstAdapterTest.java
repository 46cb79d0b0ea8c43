package dev.boxscore.embedded.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.clickhouse.client.api.Client;
import com.clickhouse.data.ClickHouseFormat;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class JdbcAgainstAdapterTest {

  private static final Instant TS = Instant.ofEpochSecond(1_700_000_000L, 123_456_789L);

  @BeforeAll
  static void loadDriver() {
    // jdbc-v2 0.10.0 does not register itself with DriverManager.
    com.clickhouse.jdbc.Driver.load();
  }

  static Properties properties() {
    Properties properties = new Properties();
    properties.setProperty("user", SharedClickHouse.get().username());
    properties.setProperty("password", SharedClickHouse.get().password());
    properties.setProperty("compress", "false");
    properties.setProperty("decompress", "false");
    return properties;
  }

  private static Connection connect() throws SQLException {
    return DriverManager.getConnection(
        "jdbc:clickhouse:" + SharedClickHouse.get().url(), properties());
  }

  @Test
  void resultSetReadsEveryTypeWrittenThroughRowBinary() throws Exception {
    try (Client client = SharedClickHouse.client()) {
      ClientV2AgainstAdapterTest.createSpanTable(client, "spans_jdbc_read");
      byte[] row =
          new RowBinary()
              .uint64(1)
              .int64(TS.getEpochSecond() * 1_000_000_000L + TS.getNano())
              .string("gpt-4o")
              .stringMap(Map.of("k", "v"))
              .stringArray(List.of("a", "b"))
              .nullableString(null)
              .decimal64(new BigDecimal("12.3456"), 4)
              .toByteArray();
      client
          .insert("spans_jdbc_read", new ByteArrayInputStream(row), ClickHouseFormat.RowBinary)
          .get(10, TimeUnit.SECONDS);
    }

    try (Connection connection = connect();
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT * FROM spans_jdbc_read")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getLong("id")).isEqualTo(1);
      assertThat(rs.getTimestamp("ts").toInstant()).isEqualTo(TS);
      assertThat(rs.getString("model")).isEqualTo("gpt-4o");
      assertThat(rs.getObject("attributes")).isEqualTo(Map.of("k", "v"));
      assertThat((Object[]) rs.getArray("tags").getArray()).containsExactly("a", "b");
      assertThat(rs.getString("error")).isNull();
      assertThat(rs.wasNull()).isTrue();
      assertThat(rs.getBigDecimal("cost")).isEqualByComparingTo("12.3456");
      assertThat(rs.next()).isFalse();
    }
  }

  @Test
  void batchedPreparedStatementInsertsAndParameterisedQueryReads() throws Exception {
    try (Connection connection = connect()) {
      try (Statement ddl = connection.createStatement()) {
        ddl.execute(
            "CREATE TABLE calls_jdbc (id UInt64, ts DateTime64(9, 'UTC'), model LowCardinality(String),"
                + " error Nullable(String), cost Decimal(18, 4)) ENGINE = MergeTree ORDER BY id");
      }
      try (PreparedStatement insert =
          connection.prepareStatement(
              "INSERT INTO calls_jdbc (id, ts, model, error, cost) VALUES (?, ?, ?, ?, ?)")) {
        for (int i = 1; i <= 3; i++) {
          insert.setLong(1, i);
          insert.setTimestamp(2, Timestamp.from(TS.plusSeconds(i)));
          insert.setString(3, i == 2 ? "claude" : "gpt-4o");
          insert.setString(4, i == 3 ? "rate limited" : null);
          insert.setBigDecimal(5, new BigDecimal("0.0001").multiply(BigDecimal.valueOf(i)));
          insert.addBatch();
        }
        assertThat(insert.executeBatch()).hasSize(3);
      }
      try (PreparedStatement query =
          connection.prepareStatement(
              "SELECT id, ts, error, cost FROM calls_jdbc WHERE model = ? ORDER BY id")) {
        query.setString(1, "gpt-4o");
        List<Long> ids = new ArrayList<>();
        try (ResultSet rs = query.executeQuery()) {
          while (rs.next()) {
            ids.add(rs.getLong("id"));
            if (rs.getLong("id") == 3) {
              assertThat(rs.getTimestamp("ts").toInstant()).isEqualTo(TS.plusSeconds(3));
              assertThat(rs.getString("error")).isEqualTo("rate limited");
              assertThat(rs.getBigDecimal("cost")).isEqualByComparingTo("0.0003");
            }
          }
        }
        assertThat(ids).containsExactly(1L, 3L);
      }
    }
  }

  @Test
  void syntaxErrorIsAnSqlExceptionWithTheClickHouseCodeAndTheConnectionStaysUsable()
      throws Exception {
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      assertThatThrownBy(() -> statement.executeQuery("SELECT FROM WHERE"))
          .isInstanceOf(SQLException.class)
          .satisfies(e -> assertThat(((SQLException) e).getErrorCode()).isEqualTo(62));

      try (ResultSet rs = statement.executeQuery("SELECT 'clean' AS s")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString("s")).isEqualTo("clean");
        assertThat(rs.next()).isFalse();
      }
    }
  }

  @Test
  void metadataDescribesTables() throws Exception {
    try (Connection connection = connect()) {
      try (Statement ddl = connection.createStatement()) {
        ddl.execute(
            "CREATE TABLE meta_jdbc (id UInt64, name String) ENGINE = MergeTree ORDER BY id");
      }
      List<String> columns = new ArrayList<>();
      try (ResultSet rs = connection.getMetaData().getColumns(null, "default", "meta_jdbc", null)) {
        while (rs.next()) {
          columns.add(rs.getString("COLUMN_NAME"));
        }
      }
      assertThat(columns).containsExactly("id", "name");
      assertThat(connection.getMetaData().getDatabaseProductVersion()).isNotBlank();
    }
  }
}
