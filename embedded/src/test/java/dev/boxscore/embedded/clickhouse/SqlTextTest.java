package dev.boxscore.embedded.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SqlTextTest {

  private static SqlText.InsertScan insert(String text, boolean complete) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return SqlText.scanInsert(bytes, bytes.length, complete);
  }

  private static SqlText.QueryShape query(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return SqlText.scanQuery(bytes, bytes.length);
  }

  private static String dataOf(String text) {
    SqlText.InsertWithData insert = (SqlText.InsertWithData) insert(text, true);
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return new String(
        bytes, insert.dataStart(), bytes.length - insert.dataStart(), StandardCharsets.UTF_8);
  }

  @Test
  void formatInsertSplitsAtTheServersDataStart() {
    assertThat(insert("INSERT INTO t FORMAT JSONEachRow\n{\"a\":1}", true))
        .isEqualTo(new SqlText.InsertWithData("INSERT INTO t", "JSONEachRow", 33));
    assertThat(dataOf("INSERT INTO t \n FORMAT RowBinary \n\n\nbinary")).isEqualTo("\n\nbinary");
    assertThat(dataOf("insert into db.t (a, `b c`) settings x = 1 format CSV \r\n1,2"))
        .isEqualTo("1,2");
    assertThat(dataOf("INSERT INTO t FORMAT TSV 1\t2")).isEqualTo("1\t2");
  }

  @Test
  void valuesInsertKeepsTheColumnListInTheHead() {
    SqlText.InsertScan scan =
        insert("INSERT INTO t (id, `values`) VALUES (1, 'FORMAT x'), (2, 'b')", true);

    assertThat(scan)
        .isEqualTo(new SqlText.InsertWithData("INSERT INTO t (id, `values`)", "Values", 36));
  }

  @Test
  void keywordsInsideLiteralsCommentsAndNamesDoNotCount() {
    assertThat(insert("INSERT INTO values VALUES (1)", true))
        .isEqualTo(new SqlText.InsertWithData("INSERT INTO values", "Values", 26));
    assertThat(insert("INSERT /* VALUES */ INTO t -- FORMAT x\n FORMAT CSV\n1", true))
        .isEqualTo(new SqlText.InsertWithData("INSERT /* VALUES */ INTO t -- FORMAT x", "CSV", 51));
    assertThat(insert("INSERT INTO FUNCTION file('a VALUES', 'CSV') VALUES (1)", true))
        .isInstanceOf(SqlText.InsertWithData.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "SELECT 1",
        "INSERT INTO t SELECT * FROM s",
        "INSERT INTO t WITH 1 AS x SELECT x",
        "CREATE TABLE t (a UInt8) ENGINE = Memory",
        "  ",
        ""
      })
  void statementsWithoutInlineDataAreQueries(String text) {
    assertThat(insert(text, true)).isInstanceOf(SqlText.NotInlineInsert.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "INSERT INTO t FORMA",
        "INSERT INTO t FORMAT JSONEachRow",
        "INSERT INTO t FORMAT CSV  ",
        "INSERT INTO t ('unterminated",
        "INSERT INTO t /* open comment"
      })
  void truncatedPrefixesAskForMoreInput(String text) {
    assertThat(insert(text, false)).isInstanceOf(SqlText.NeedMoreInput.class);
  }

  @Test
  void insertWithoutDataIsAQueryWhenTheInputIsComplete() {
    assertThat(insert("INSERT INTO t FORMAT CSV", true))
        .isEqualTo(new SqlText.InsertWithData("INSERT INTO t", "CSV", 24));
    assertThat(insert("INSERT INTO t", true)).isInstanceOf(SqlText.NotInlineInsert.class);
  }

  @Test
  void secondStatementIsDetectedOutsideLiterals() {
    assertThat(query("SELECT 1; DROP TABLE t").multipleStatements()).isTrue();
    assertThat(query("SELECT 1;").multipleStatements()).isFalse();
    assertThat(query("SELECT 1; -- trailing comment").multipleStatements()).isFalse();
    assertThat(query("SELECT ';DROP', \";x\", `;y`, $$;z$$ /* ; */").multipleStatements())
        .isFalse();
    assertThat(query("SELECT 'it\\'s; ok', 'it''s; ok'").multipleStatements()).isFalse();
  }

  @Test
  void formatClauseIsFoundOnlyAtTheEnd() {
    assertThat(query("SELECT 1 FORMAT JSONEachRow").explicitFormat()).isEqualTo("JSONEachRow");
    assertThat(query("SELECT 1 FORMAT CSV SETTINGS max_threads = 1").explicitFormat())
        .isEqualTo("CSV");
    assertThat(query("SELECT format FROM t").explicitFormat()).isNull();
    assertThat(query("SELECT 'FORMAT JSON'").explicitFormat()).isNull();
    assertThat(query("SELECT format('{}', 'x')").explicitFormat()).isNull();
  }
}
