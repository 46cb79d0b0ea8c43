package dev.boxscore.storage.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.boxscore.embedded.clickhouse.EmbeddedClickHouse;
import dev.boxscore.storage.SpanKey;
import dev.boxscore.storage.SpanRow;
import dev.boxscore.storage.StorageException;
import dev.boxscore.storage.TracePage;
import dev.boxscore.storage.TraceQuery;
import dev.boxscore.storage.TraceSummary;
import dev.boxscore.storage.search.TraceFilter;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The store on the real ClickHouse engine (embedded): migrations, the RowBinary writer and the
 * trace readers.
 */
class ClickHouseStorageTest {
  private static EmbeddedClickHouse engine;
  private static ClickHouseStorage storage;
  private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(60);

  @BeforeAll
  static void start() throws Exception {
    engine = TestEngine.start();
    storage = TestEngine.storage(engine).database("storage_test").build().start();
  }

  @AfterAll
  static void stop() {
    storage.close();
    engine.close();
  }

  @Test
  void migrationsRunOnceAndAgainWithoutHarm() {
    try (ClickHouseStorage again = TestEngine.storage(engine).database("storage_test").build()) {
      again.start();
      assertThat(again.traceReader("nobody").services(T0)).isEmpty();
    }
  }

  @Test
  void rowsComeBackAsWrittenAndRewritingThemKeepsOneCopy() {
    String trace = "a0000000000000000000000000000001";
    List<SpanRow> rows =
        List.of(
            row(
                "p1",
                trace,
                "0000000000000001",
                "",
                "root",
                T0,
                null,
                "",
                "text\n\nDROP TABLE spans"),
            row(
                "p1",
                trace,
                "0000000000000002",
                "0000000000000001",
                "chat",
                T0.plusMillis(5),
                new BigDecimal("0.00045"),
                "gpt-4o-mini",
                "{}"));
    storage.spanWriter().write(rows);
    storage.spanWriter().write(rows);
    // Twice within one insert too (the engine does not deduplicate insert blocks for us: ingest's
    // gate does).
    storage.spanWriter().write(List.of(rows.get(0), rows.get(0)));

    List<SpanRow> read = storage.traceReader("p1").getTrace(trace, 100);
    assertThat(read).hasSize(2);
    assertThat(read.get(0).attributes()).containsEntry("note", "text\n\nDROP TABLE spans");
    assertThat(read.get(1).costUsd()).isEqualByComparingTo("0.00045");
    assertThat(read.get(1).requestModel()).isEqualTo("gpt-4o-mini");
    assertThat(read.get(1).finishReasons()).containsExactly("stop");
    assertThat(read.get(1).startTime()).isEqualTo(T0.plusMillis(5));
    assertThat(storage.traceReader("other-project").getTrace(trace, 100)).isEmpty();
  }

  @Test
  void theDuplicateGateFindsExactlyTheSpansAlreadyStored() {
    String trace = "b0000000000000000000000000000001";
    Instant early = T0.minus(3, ChronoUnit.DAYS);
    SpanRow old = row("p4", trace, "0000000000000001", "", "root", early, null, "", "x");
    SpanRow recent =
        row("p4", trace, "0000000000000002", "0000000000000001", "chat", T0, null, "m", "x");
    storage.spanWriter().write(List.of(old, recent));

    SpanRow fresh =
        row("p4", trace, "0000000000000003", "0000000000000001", "tool", T0, null, "", "x");
    SpanRow otherProject = row("p5", trace, "0000000000000002", "", "chat", T0, null, "m", "x");
    // A batch of one recent span and new ones: its start times reach back minutes, not days, yet
    // the copy stored minutes ago is found.
    assertThat(storage.spanWriter().alreadyStored(List.of(recent, fresh, otherProject)))
        .containsExactly(SpanKey.of(recent));
    // A replayed batch holding both, days apart, finds both.
    assertThat(storage.spanWriter().alreadyStored(List.of(old, recent, fresh)))
        .containsExactlyInAnyOrder(SpanKey.of(old), SpanKey.of(recent));
    assertThat(storage.spanWriter().alreadyStored(List.of())).isEmpty();
  }

  @Test
  void tracesArePagedNewestFirstWithoutGapsOrRepeats() {
    List<SpanRow> rows = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      String trace = String.format("b%031x", i);
      ids.add(0, trace);
      rows.add(
          row("p2", trace, "0000000000000001", "", "req " + i, T0.plusSeconds(i), null, "", "x"));
    }
    storage.spanWriter().write(rows);

    List<String> seen = new ArrayList<>();
    TracePage page = storage.traceReader("p2").findTraces(query(null));
    while (true) {
      page.traces().forEach(t -> seen.add(t.traceId()));
      if (page.next() == null) break;
      page = storage.traceReader("p2").findTraces(query(page.next()));
    }
    assertThat(seen).containsExactlyElementsOf(ids);
  }

  @Test
  void aListedTraceCarriesWhatItsCallsArePricedByNotAStoredCost() {
    String trace = "c0000000000000000000000000000001";
    storage
        .spanWriter()
        .write(
            List.of(
                row("p3", trace, "0000000000000001", "", "root", T0, null, "", "x"),
                row(
                    "p3",
                    trace,
                    "0000000000000002",
                    "0000000000000001",
                    "chat",
                    T0.plusMillis(1),
                    new BigDecimal("9"),
                    "gpt-4o-mini",
                    "x"),
                row(
                    "p3",
                    trace,
                    "0000000000000003",
                    "0000000000000001",
                    "chat",
                    T0.plusMillis(2),
                    null,
                    "gpt-4o-mini",
                    "x"),
                row(
                    "p3",
                    trace,
                    "0000000000000004",
                    "0000000000000001",
                    "chat",
                    T0.plusMillis(3),
                    null,
                    "gpt-4o",
                    "x")));

    TracePage page = storage.traceReader("p3").findTraces(query(null));
    assertThat(page.traces()).hasSize(1);
    TraceSummary summary = page.traces().get(0);
    assertThat(summary.llmCalls()).isEqualTo(3);
    assertThat(summary.pricingUnits())
        .extracting(
            u ->
                u.requestModel()
                    + " "
                    + u.calls()
                    + " "
                    + u.tokenCalls()
                    + " "
                    + u.tokens().input()
                    + " "
                    + u.tokens().output()
                    + " "
                    + u.day()
                    + " "
                    + u.provider())
        .containsExactlyInAnyOrder(
            "gpt-4o-mini 2 2 2000 1000 "
                + T0.atZone(java.time.ZoneOffset.UTC).toLocalDate()
                + " openai",
            "gpt-4o 1 1 1000 500 " + T0.atZone(java.time.ZoneOffset.UTC).toLocalDate() + " openai");
  }

  @Test
  void unreachableServerIsReportedAsUnavailable() {
    ClickHouseStorage nowhere = ClickHouseStorage.builder().url("http://127.0.0.1:1").build();
    assertThatThrownBy(nowhere::start)
        .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.unavailable()).isTrue());
  }

  private static TraceQuery query(dev.boxscore.storage.TraceCursor cursor) {
    return new TraceQuery(TraceFilter.NONE, T0.minusSeconds(1), T0.plusSeconds(60), 3, cursor);
  }

  private static SpanRow row(
      String project,
      String trace,
      String span,
      String parent,
      String name,
      Instant start,
      BigDecimal cost,
      String model,
      String note) {
    boolean llm = !model.isEmpty();
    return new SpanRow(
        project,
        trace,
        span,
        parent,
        name,
        "INTERNAL",
        "svc",
        "scope",
        "1.0",
        start,
        1_000_000L,
        "UNSET",
        "",
        Map.of("note", note),
        Map.of("service.name", "svc"),
        "",
        llm,
        llm ? "openai" : "",
        llm ? "chat" : "",
        model,
        "",
        llm,
        llm ? 1000 : 0,
        llm ? 500 : 0,
        0,
        0,
        0,
        cost,
        null,
        llm ? List.of("stop") : List.of(),
        "",
        null,
        "",
        "",
        "",
        "",
        "",
        Instant.now());
  }
}
