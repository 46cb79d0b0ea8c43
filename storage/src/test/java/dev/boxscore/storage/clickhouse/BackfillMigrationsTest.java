package dev.boxscore.storage.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boxscore.embedded.clickhouse.EmbeddedClickHouse;
import dev.boxscore.storage.analytics.CallFilter;
import dev.boxscore.storage.analytics.CallStats;
import dev.boxscore.storage.analytics.Dimension;
import dev.boxscore.storage.analytics.ModelVariant;
import dev.boxscore.storage.analytics.RepeatingWindow;
import dev.boxscore.storage.analytics.RollupQuery;
import dev.boxscore.storage.analytics.TimeWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Migrations that add a table derived from the stored spans fill it from the spans stored before it
 * existed: the model-keyed rollup and {@code llm_calls}, each checked on the real embedded engine
 * against a database migrated without it first.
 */
class BackfillMigrationsTest {
  private static EmbeddedClickHouse engine;

  @BeforeAll
  static void start() throws Exception {
    engine = TestEngine.start();
  }

  @AfterAll
  static void stop() {
    engine.close();
  }

  @Test
  void modelKeyedRollupIsBackfilledWithSpansStoredBeforeItExisted() throws Exception {
    String database = "backfill_test";
    String p = "p-backfill";
    Instant start = Instant.parse("2026-06-03T08:00:00Z");
    try (ClickHouseStorage before = TestEngine.storage(engine).database(database).build()) {
      before.start();
      before.spanWriter(TestEngine.HISTORIC).write(LlmRows.twoServicesTwoModels(p, start));
      // Back to the schema before migrations 0011-0013 and 0085-0086: no views feeding the table,
      // which is empty.
      for (String sql :
          List.of(
              "DROP VIEW " + database + ".llm_model_rollup_minute_mv",
              "DROP VIEW " + database + ".llm_model_rollup_hour_mv",
              "DROP VIEW " + database + ".llm_model_rollup_coarse_mv",
              "TRUNCATE TABLE " + database + ".llm_model_rollup",
              "ALTER TABLE "
                  + database
                  + ".schema_migrations DELETE WHERE version IN (11, 12, 13, 85, 86)"
                  + " SETTINGS mutations_sync = 2")) {
        engineSql(sql);
      }
    }
    try (ClickHouseStorage after = TestEngine.storage(engine).database(database).build()) {
      after.start();
      List<CallStats> byModel =
          after
              .analyticsReader()
              .stats(
                  p,
                  new RollupQuery(
                      start.plusSeconds(30 * 60),
                      start.plusSeconds(5 * 3600),
                      Duration.ofHours(1),
                      CallFilter.ANY,
                      Set.of(Dimension.MODEL)));
      assertThat(byModel.stream().mapToLong(CallStats::calls).sum()).isEqualTo(270 - 30);
      assertThat(
              after
                  .analyticsReader()
                  .variants(p, start, start.plusSeconds(5 * 3600), CallFilter.ANY))
          .extracting(ModelVariant::calls)
          .containsExactly(133L, 47L, 67L, 23L);
      // Spans written after the migrations reach the table through the views, once.
      after
          .spanWriter(TestEngine.HISTORIC)
          .write(
              List.of(
                  LlmRows.call(
                      p,
                      "svc-a",
                      "gpt-4o",
                      "gpt-4o-2024-08-06",
                      "fp1",
                      start.plusSeconds(4 * 3600 + 59 * 60),
                      10,
                      null,
                      false,
                      1,
                      1,
                      0,
                      true,
                      false,
                      List.of("stop"))));
      assertThat(
              after
                  .analyticsReader()
                  .stats(
                      p,
                      new RollupQuery(
                          start,
                          start.plusSeconds(5 * 3600),
                          Duration.ofDays(1),
                          CallFilter.ANY,
                          Set.of())))
          .singleElement()
          .extracting(CallStats::calls)
          .isEqualTo(271L);
    }
  }

  @Test
  void driftReadsCallsStoredBeforeItsTableExisted() throws Exception {
    String database = "calls_backfill_test";
    String p = "p-calls-backfill";
    Instant start = Instant.parse("2026-06-03T08:00:00Z");
    TimeWindow day = new TimeWindow(start, start.plus(Duration.ofDays(1)));
    try (ClickHouseStorage before = TestEngine.storage(engine).database(database).build()) {
      before.start();
      before.spanWriter(TestEngine.HISTORIC).write(LlmRows.twoServicesTwoModels(p, start));
      // Back to the schema before migrations 0041-0042: no view feeding llm_calls, which is empty.
      for (String sql :
          List.of(
              "DROP VIEW " + database + ".llm_calls_mv",
              "TRUNCATE TABLE " + database + ".llm_calls",
              "ALTER TABLE "
                  + database
                  + ".schema_migrations DELETE WHERE version IN (41, 42)"
                  + " SETTINGS mutations_sync = 2")) {
        engineSql(sql);
      }
      assertThat(
              before
                  .analyticsReader()
                  .driftSamples(
                      p, RepeatingWindow.once(day), RepeatingWindow.once(day), CallFilter.ANY, 1000)
                  .current())
          .isEmpty();
    }
    try (ClickHouseStorage after = TestEngine.storage(engine).database(database).build()) {
      after.start();
      assertThat(
              after
                  .analyticsReader()
                  .driftSamples(
                      p, RepeatingWindow.once(day), RepeatingWindow.once(day), CallFilter.ANY, 1000)
                  .current())
          .hasSize(270);
      // Calls written after the migrations reach the table through the view, once.
      after
          .spanWriter(TestEngine.HISTORIC)
          .write(
              List.of(
                  LlmRows.call(
                      p,
                      "svc-a",
                      "gpt-4o",
                      "gpt-4o-2024-08-06",
                      "fp1",
                      start.plusSeconds(4 * 3600 + 59 * 60),
                      10,
                      null,
                      false,
                      1,
                      1,
                      0,
                      true,
                      false,
                      List.of("stop"))));
      assertThat(
              after
                  .analyticsReader()
                  .driftSamples(
                      p, RepeatingWindow.once(day), RepeatingWindow.once(day), CallFilter.ANY, 1000)
                  .current())
          .hasSize(271);
    }
  }

  private static void engineSql(String sql) throws Exception {
    var response =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(engine.url() + "/"))
                    .header("Authorization", engine.basicAuthorization())
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(sql))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(sql + ": " + response.body()).isEqualTo(200);
  }
}
