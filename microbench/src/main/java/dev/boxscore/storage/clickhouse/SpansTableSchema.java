package dev.boxscore.storage.clickhouse;

import com.clickhouse.client.api.metadata.TableSchema;
import com.clickhouse.data.ClickHouseColumn;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The columns of {@code spans} that ingest sends, in table order, as ClickHouseSpanWriter gets them
 * from the server, here read from the migrations so row encoding can be measured without an engine:
 * the columns CREATE TABLE makes, then those later migrations add, less the MATERIALIZED ones the
 * engine computes.
 */
final class SpansTableSchema {
  private static final String DIR = "clickhouse/migrations/";
  // "    name    Type [CODEC(...)]," inside CREATE TABLE spans.
  private static final Pattern CREATED =
      Pattern.compile("(?m)^ {4}(\\w+) +(.+?)(?: CODEC\\(.*\\))?,?$");
  private static final Pattern ADDED =
      Pattern.compile("ADD COLUMN IF NOT EXISTS (\\w+) (.+?) (DEFAULT|MATERIALIZED|ALIAS)\\b");

  private SpansTableSchema() {}

  static TableSchema fromMigrations() {
    List<String> columns = new ArrayList<>();
    for (String file : SqlResources.lines(DIR + "index.txt")) {
      String sql = SqlResources.load(DIR + file);
      if (sql.contains("CREATE TABLE IF NOT EXISTS spans\n")) {
        Matcher m = CREATED.matcher(sql);
        while (m.find()) {
          if (!m.group(1).equals("INDEX")) {
            columns.add(m.group(1) + " " + m.group(2));
          }
        }
      } else if (sql.contains("ALTER TABLE spans")) {
        Matcher m = ADDED.matcher(sql);
        while (m.find()) {
          if (m.group(3).equals("DEFAULT")) {
            columns.add(m.group(1) + " " + m.group(2));
          }
        }
      }
    }
    return new TableSchema(
        Queries.SPANS_TABLE, null, "default", ClickHouseColumn.parse(String.join(", ", columns)));
  }
}
