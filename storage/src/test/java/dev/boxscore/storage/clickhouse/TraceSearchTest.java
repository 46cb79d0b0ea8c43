package dev.boxscore.storage.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boxscore.embedded.clickhouse.EmbeddedClickHouse;
import dev.boxscore.storage.SpanRow;
import dev.boxscore.storage.TracePage;
import dev.boxscore.storage.TraceQuery;
import dev.boxscore.storage.TraceReader;
import dev.boxscore.storage.TraceSummary;
import dev.boxscore.storage.search.FieldMatch;
import dev.boxscore.storage.search.FilterField;
import dev.boxscore.storage.search.Measure;
import dev.boxscore.storage.search.Relation;
import dev.boxscore.storage.search.SuggestField;
import dev.boxscore.storage.search.TextMatch;
import dev.boxscore.storage.search.Threshold;
import dev.boxscore.storage.search.TraceBucket;
import dev.boxscore.storage.search.TraceFilter;
import dev.boxscore.storage.search.UnitPrice;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The trace search on the real engine, over generated traces whose every property is known: each
 * filter key returns exactly the traces that have it, full-text search finds a word in Chinese,
 * Arabic and English text and nothing else, each dialect's user and session attributes land in the
 * columns, and a search over days pages through its windows without losing or repeating a trace.
 */
class TraceSearchTest {
  private static final String P = "search";
  private static final Instant T = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(600);
  private static EmbeddedClickHouse engine;
  private static ClickHouseStorage storage;
  private static TraceReader reader;

  @BeforeAll
  static void start() throws Exception {
    engine = TestEngine.start();
    storage = TestEngine.storage(engine).database("search_test").build().start();
    List<SpanRow> rows = new ArrayList<>();
    // A: an HTTP root with the end user (OpenTelemetry enduser.id) and an LLM child in a session.
    rows.add(
        span(
            "a",
            "a-root",
            "",
            "web",
            "POST /chat",
            T,
            2500,
            false,
            Map.of("enduser.id", "u-a"),
            Map.of()));
    rows.add(
        llm(
            "a",
            "a-llm",
            "a-root",
            "bot",
            "gpt-4o",
            "openai",
            T.plusMillis(100),
            2000,
            300.0,
            false,
            100,
            50,
            "v1",
            "hello there",
            "The Weather today is sunny",
            Map.of("session.id", "s-1")));
    // B: Langfuse's keys; an error; Chinese output.
    rows.add(
        llm(
            "b",
            "b-llm",
            "",
            "bot",
            "claude-3-5-sonnet",
            "anthropic",
            T.plusSeconds(10),
            500,
            900.0,
            true,
            200,
            20,
            "v1",
            "问题",
            "今天天气很好",
            Map.of("langfuse.user.id", "u-b", "langfuse.session.id", "s-2")));
    // C: OpenLLMetry's association properties; Arabic output; many tokens; prompt v2; a route.
    rows.add(
        llm(
            "c",
            "c-llm",
            "",
            "bot",
            "gpt-4o-mini",
            "openai",
            T.plusSeconds(20),
            800,
            null,
            false,
            4000,
            1500,
            "v2",
            "سؤال",
            "مرحبا بالعالم",
            Map.of(
                "traceloop.association.properties.user_id",
                "u-c",
                "traceloop.association.properties.session_id",
                "s-3",
                "http.route",
                "/x")));
    // D: user.id and gen_ai.conversation.id.
    rows.add(
        llm(
            "d",
            "d-llm",
            "",
            "worker",
            "gpt-4o-mini",
            "openai",
            T.plusSeconds(30),
            100,
            null,
            false,
            10,
            10,
            "v1",
            "",
            "nothing to see",
            Map.of("user.id", "u-d", "gen_ai.conversation.id", "s-4")));
    // E: user and session only on the resource.
    SpanRow e =
        llm(
            "e",
            "e-llm",
            "",
            "worker",
            "gpt-4o",
            "openai",
            T.plusSeconds(40),
            100,
            null,
            false,
            10,
            10,
            "v1",
            "",
            "plain words",
            Map.of());
    rows.add(withResource(e, Map.of("enduser.id", "u-e", "session.id", "s-5")));
    storage.spanWriter(project -> 30).write(rows);
    reader = storage.traceReader(P);
  }

  @AfterAll
  static void stop() {
    storage.close();
    engine.close();
  }

  @Test
  void everyDialectsUserAndSessionLandInTheColumns() {
    Map<String, String> users = new HashMap<>();
    Map<String, String> sessions = new HashMap<>();
    for (TraceSummary t : find(TraceFilter.NONE)) {
      users.put(t.traceId(), t.userId());
      sessions.put(t.traceId(), t.sessionId());
    }
    assertThat(users)
        .containsEntry(id("a"), "u-a")
        .containsEntry(id("b"), "u-b")
        .containsEntry(id("c"), "u-c")
        .containsEntry(id("d"), "u-d")
        .containsEntry(id("e"), "u-e");
    assertThat(sessions)
        .containsEntry(id("a"), "s-1")
        .containsEntry(id("b"), "s-2")
        .containsEntry(id("c"), "s-3")
        .containsEntry(id("d"), "s-4")
        .containsEntry(id("e"), "s-5");
  }

  @Test
  void eachValueKeyReturnsExactlyTheTracesThatHaveIt() {
    assertThat(ids(field(FilterField.SERVICE, "web"))).containsExactly("a");
    assertThat(ids(field(FilterField.SERVICE, "worker"))).containsExactly("e", "d");
    assertThat(ids(field(FilterField.MODEL, "gpt-4o"))).containsExactly("e", "a");
    assertThat(ids(field(FilterField.MODEL, "gpt-4o", "claude-3-5-sonnet")))
        .containsExactly("e", "b", "a");
    assertThat(ids(negated(FilterField.MODEL, "gpt-4o"))).containsExactly("d", "c", "b");
    assertThat(ids(field(FilterField.PROVIDER, "anthropic"))).containsExactly("b");
    assertThat(ids(field(FilterField.USER, "u-c"))).containsExactly("c");
    assertThat(ids(field(FilterField.USER, "u-a"))).containsExactly("a");
    assertThat(ids(field(FilterField.SESSION, "s-5"))).containsExactly("e");
    assertThat(ids(field(FilterField.PROMPT, "v2"))).containsExactly("c");
    assertThat(
            ids(
                filter(
                    List.of(
                        new FieldMatch(
                            FilterField.ATTRIBUTE, "http.route", List.of("/x"), false)))))
        .containsExactly("c");
    assertThat(ids(field(FilterField.USER, "nobody"))).isEmpty();
  }

  @Test
  void statusAndThresholdsCompareTheTracesFigures() {
    assertThat(ids(new TraceFilter(List.of(), List.of(), List.of(), true, List.of())))
        .containsExactly("b");
    assertThat(ids(new TraceFilter(List.of(), List.of(), List.of(), false, List.of())))
        .containsExactly("e", "d", "c", "a");
    assertThat(ids(threshold(Measure.LATENCY_MS, Relation.GREATER, 2000))).containsExactly("a");
    assertThat(ids(threshold(Measure.LATENCY_MS, Relation.LESS_OR_EQUAL, 100)))
        .containsExactly("e", "d");
    assertThat(ids(threshold(Measure.TTFT_MS, Relation.GREATER, 500))).containsExactly("b");
    assertThat(ids(threshold(Measure.TOKENS, Relation.GREATER, 1000))).containsExactly("c");
  }

  @Test
  void costIsPricedWithTheGivenUnitPrices() {
    // gpt-4o-mini at $1 / $2 per 1M: trace c costs 4000e-6 + 1500 * 2e-6 = $0.007; trace d
    // $0.00003.
    UnitPrice mini =
        new UnitPrice(
            "openai",
            "gpt-4o-mini",
            "gpt-4o-mini",
            T.atZone(ZoneOffset.UTC).toLocalDate(),
            1,
            2,
            1,
            1,
            2);
    TraceFilter over =
        new TraceFilter(
            List.of(),
            List.of(new Threshold(Measure.COST_USD, Relation.GREATER, 0.005)),
            List.of(),
            null,
            List.of(mini));
    assertThat(ids(over)).containsExactly("c");
    TraceFilter cheap =
        new TraceFilter(
            List.of(field(FilterField.MODEL, "gpt-4o-mini").fields().get(0)),
            List.of(new Threshold(Measure.COST_USD, Relation.LESS, 0.001)),
            List.of(),
            null,
            List.of(mini));
    assertThat(ids(cheap)).containsExactly("d");
  }

  @Test
  void fullTextFindsAWordInChineseArabicAndEnglishAndNothingElse() {
    assertThat(ids(text("天气"))).containsExactly("b");
    assertThat(ids(text("بالعالم"))).containsExactly("c");
    assertThat(ids(text("WEATHER today"))).containsExactly("a");
    assertThat(ids(text("POST /chat"))).containsExactly("a");
    assertThat(ids(text("no such words anywhere"))).isEmpty();
    assertThat(ids(text("100%"))).isEmpty();
    TraceSummary a = find(text("weather")).get(0);
    assertThat(a.textHit().field()).isEqualTo("output");
    assertThat(a.textHit().spanId()).isEqualTo(spanId("a-llm"));
    assertThat(a.textHit().excerpt()).isEqualTo("The Weather today is sunny");
    TraceSummary c = find(text("/x")).get(0);
    assertThat(c.textHit().field()).isEqualTo("attribute");
    assertThat(c.textHit().key()).isEqualTo("http.route");
    assertThat(
            ids(
                new TraceFilter(
                    List.of(),
                    List.of(),
                    List.of(new TextMatch("weather", true)),
                    null,
                    List.of())))
        .containsExactly("e", "d", "c", "b");
  }

  @Test
  void termsCombineWithAnd() {
    TraceFilter f =
        new TraceFilter(
            List.of(
                field(FilterField.MODEL, "gpt-4o").fields().get(0),
                field(FilterField.USER, "u-a").fields().get(0)),
            List.of(),
            List.of(new TextMatch("sunny", false)),
            false,
            List.of());
    assertThat(ids(f)).containsExactly("a");
  }

  @Test
  void aSearchOverDaysPagesThroughItsWindowsWithoutLosingOrRepeatingATrace() {
    List<SpanRow> rows = new ArrayList<>();
    Set<String> expected = new HashSet<>();
    for (int i = 0; i < 40; i++) {
      // Every 5 hours back over 8 days, and a second span of each trace a minute later.
      Instant start = T.minus(Duration.ofHours(5L * i + 2));
      String trace = String.format("%032x", 0xabc000L + i);
      rows.add(
          rawSpan(
              "days",
              trace,
              String.format("%016x", 2L * i + 1),
              "",
              "svc",
              start,
              Map.of("k", "v" + (i % 3))));
      rows.add(
          rawSpan(
              "days",
              trace,
              String.format("%016x", 2L * i + 2),
              String.format("%016x", 2L * i + 1),
              "svc",
              start.plusSeconds(60),
              Map.of()));
      if (i % 3 == 1) {
        expected.add(trace);
      }
    }
    storage.spanWriter(project -> 30).write(rows);
    TraceReader days = storage.traceReader("days");
    TraceFilter v1 =
        filter(List.of(new FieldMatch(FilterField.ATTRIBUTE, "k", List.of("v1"), false)));
    for (TraceFilter f : List.of(TraceFilter.NONE, v1)) {
      List<TraceSummary> all = new ArrayList<>();
      TracePage page = days.findTraces(new TraceQuery(f, T.minus(Duration.ofDays(10)), T, 7, null));
      all.addAll(page.traces());
      while (page.next() != null) {
        page = days.findTraces(new TraceQuery(f, T.minus(Duration.ofDays(10)), T, 7, page.next()));
        all.addAll(page.traces());
      }
      assertThat(all).extracting(TraceSummary::spanCount).containsOnly(2L);
      assertThat(all)
          .extracting(TraceSummary::startTime)
          .isSortedAccordingTo((x, y) -> y.compareTo(x));
      if (f == TraceFilter.NONE) {
        assertThat(all).hasSize(40).extracting(TraceSummary::traceId).doesNotHaveDuplicates();
      } else {
        assertThat(all)
            .extracting(TraceSummary::traceId)
            .containsExactlyInAnyOrderElementsOf(expected);
      }
    }
  }

  @Test
  void theHistogramCountsMatchingTracesPerBucket() {
    List<TraceBucket> buckets =
        reader.histogram(
            TraceFilter.NONE, T.minusSeconds(60), T.plusSeconds(60), Duration.ofSeconds(30));
    assertThat(buckets).hasSize(4);
    assertThat(buckets).extracting(TraceBucket::traces).containsExactly(0L, 0L, 3L, 2L);
    assertThat(buckets).extracting(TraceBucket::errors).containsExactly(0L, 0L, 1L, 0L);
    List<TraceBucket> gpt4o =
        reader.histogram(
            field(FilterField.MODEL, "gpt-4o"),
            T.minusSeconds(60),
            T.plusSeconds(60),
            Duration.ofSeconds(30));
    assertThat(gpt4o).extracting(TraceBucket::traces).containsExactly(0L, 0L, 1L, 1L);
  }

  @Test
  void suggestionsAreTheMostFrequentValuesWithThePrefix() {
    Instant from = T.minusSeconds(3600);
    Instant to = T.plusSeconds(3600);
    assertThat(reader.suggest(SuggestField.MODEL, null, "GPT", from, to, 10))
        .containsExactlyInAnyOrder("gpt-4o", "gpt-4o-mini");
    assertThat(reader.suggest(SuggestField.SERVICE, null, "", from, to, 10))
        .containsExactly("bot", "worker", "web");
    // Users come from the LLM calls that carry one (u-a is only on trace a's HTTP root span).
    assertThat(reader.suggest(SuggestField.USER, null, "u-", from, to, 10))
        .containsExactlyInAnyOrder("u-b", "u-c", "u-d", "u-e");
    assertThat(reader.suggest(SuggestField.ATTRIBUTE_KEY, null, "http", from, to, 10))
        .containsExactly("http.route");
    assertThat(reader.suggest(SuggestField.ATTRIBUTE_VALUE, "http.route", "", from, to, 10))
        .containsExactly("/x");
    assertThat(reader.suggest(SuggestField.PROMPT, null, "v", from, to, 10))
        .containsExactly("v1", "v2");
  }

  @Test
  void fullTextAndUserSearchesReadTheIndexesNotEverySpan() throws Exception {
    try (com.clickhouse.client.api.Client client =
        new com.clickhouse.client.api.Client.Builder()
            .addEndpoint(engine.url())
            .setUsername(engine.username())
            .setPassword(engine.password())
            .setDefaultDatabase("search_test")
            .compressServerResponse(false)
            .compressClientRequest(false)
            .build()) {
      BoundStatements statements = new BoundStatements(client);
      String text =
          explain(
              statements,
              "SELECT count() FROM spans WHERE " + TraceSearchQueries.SEARCH_TEXT + " LIKE '%天气%'");
      assertThat(text).contains("Name: idx_text");
      String words =
          explain(
              statements,
              "SELECT count() FROM spans WHERE "
                  + TraceSearchQueries.SEARCH_WORDS
                  + " LIKE '%weather today is%'");
      assertThat(words).contains("Name: idx_text_words");
      String user = explain(statements, "SELECT count() FROM spans WHERE user_id IN ('u-c')");
      assertThat(user).contains("Name: idx_user");
    }
  }

  private static String explain(BoundStatements statements, String sql) {
    StringBuilder out = new StringBuilder();
    for (var r : statements.queryAll("EXPLAIN indexes = 1 " + sql, Map.of())) {
      out.append(r.getString(1)).append('\n');
    }
    return out.toString();
  }

  private static List<TraceSummary> find(TraceFilter filter) {
    return reader
        .findTraces(new TraceQuery(filter, T.minusSeconds(3600), T.plusSeconds(3600), 100, null))
        .traces();
  }

  private static List<String> ids(TraceFilter filter) {
    return find(filter).stream().map(t -> name(t.traceId())).toList();
  }

  private static TraceFilter filter(List<FieldMatch> fields) {
    return new TraceFilter(fields, List.of(), List.of(), null, List.of());
  }

  private static TraceFilter field(FilterField field, String... values) {
    return filter(List.of(new FieldMatch(field, null, List.of(values), false)));
  }

  private static TraceFilter negated(FilterField field, String... values) {
    return filter(List.of(new FieldMatch(field, null, List.of(values), true)));
  }

  private static TraceFilter threshold(Measure measure, Relation relation, double value) {
    return new TraceFilter(
        List.of(), List.of(new Threshold(measure, relation, value)), List.of(), null, List.of());
  }

  private static TraceFilter text(String phrase) {
    return new TraceFilter(
        List.of(), List.of(), List.of(new TextMatch(phrase, false)), null, List.of());
  }

  private static final List<String> NAMES = List.of("a", "b", "c", "d", "e");

  private static String id(String name) {
    return String.format("%032x", 0xfeed00L + NAMES.indexOf(name));
  }

  private static String name(String traceId) {
    for (String n : NAMES) {
      if (id(n).equals(traceId)) {
        return n;
      }
    }
    return traceId;
  }

  private static String spanId(String name) {
    return String.format("%016x", Math.abs(name.hashCode()));
  }

  private static SpanRow span(
      String trace,
      String span,
      String parent,
      String service,
      String name,
      Instant start,
      long ms,
      boolean error,
      Map<String, String> attributes,
      Map<String, String> resource) {
    return new SpanRow(
        P,
        id(trace),
        spanId(span),
        parent.isEmpty() ? "" : spanId(parent),
        name,
        "SERVER",
        service,
        "test",
        "1",
        start,
        ms * 1_000_000L,
        error ? "ERROR" : "UNSET",
        "",
        attributes,
        resource,
        "",
        false,
        "",
        "",
        "",
        "",
        false,
        0,
        0,
        0,
        0,
        0,
        null,
        null,
        List.of(),
        "",
        null,
        "",
        "",
        "",
        "",
        "",
        Instant.now(),
        false);
  }

  private static SpanRow rawSpan(
      String project,
      String trace,
      String span,
      String parent,
      String service,
      Instant start,
      Map<String, String> attributes) {
    return new SpanRow(
        project,
        trace,
        span,
        parent,
        "work",
        "INTERNAL",
        service,
        "test",
        "1",
        start,
        1_000_000L,
        "UNSET",
        "",
        attributes,
        Map.of(),
        "",
        false,
        "",
        "",
        "",
        "",
        false,
        0,
        0,
        0,
        0,
        0,
        null,
        null,
        List.of(),
        "",
        null,
        "",
        "",
        "",
        "",
        "",
        Instant.now(),
        false);
  }

  private static SpanRow llm(
      String trace,
      String span,
      String parent,
      String service,
      String model,
      String provider,
      Instant start,
      long ms,
      Double ttft,
      boolean error,
      long input,
      long output,
      String promptVersion,
      String prompt,
      String completion,
      Map<String, String> attributes) {
    return new SpanRow(
        P,
        id(trace),
        spanId(span),
        parent.isEmpty() ? "" : spanId(parent),
        "chat " + model,
        "CLIENT",
        service,
        "test",
        "1",
        start,
        ms * 1_000_000L,
        error ? "ERROR" : "UNSET",
        "",
        attributes,
        Map.of(),
        "",
        true,
        provider,
        "chat",
        model,
        model,
        true,
        input,
        output,
        0,
        0,
        0,
        null,
        ttft,
        List.of("stop"),
        "",
        ttft != null,
        "",
        "fp-" + promptVersion,
        promptVersion,
        prompt,
        completion,
        Instant.now(),
        false);
  }

  private static SpanRow withResource(SpanRow r, Map<String, String> resource) {
    return new SpanRow(
        r.projectId(),
        r.traceId(),
        r.spanId(),
        r.parentSpanId(),
        r.name(),
        r.kind(),
        r.service(),
        r.scopeName(),
        r.scopeVersion(),
        r.startTime(),
        r.durationNanos(),
        r.statusCode(),
        r.statusMessage(),
        r.attributes(),
        resource,
        r.eventsJson(),
        r.isLlm(),
        r.llmProvider(),
        r.llmOperation(),
        r.requestModel(),
        r.responseModel(),
        r.usageReported(),
        r.inputTokens(),
        r.outputTokens(),
        r.cacheReadTokens(),
        r.cacheWriteTokens(),
        r.reasoningTokens(),
        r.costUsd(),
        r.timeToFirstTokenMs(),
        r.finishReasons(),
        r.responseId(),
        r.streaming(),
        r.systemFingerprint(),
        r.promptFingerprint(),
        r.promptVersion(),
        r.llmInput(),
        r.llmOutput(),
        r.ingestedAt(),
        r.tokensEstimated());
  }
}
