package dev.boxscore.storage.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boxscore.embedded.clickhouse.EmbeddedClickHouse;
import dev.boxscore.storage.SpanRow;
import dev.boxscore.storage.analytics.CallFilter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Evaluation scores (span events, evaluator spans, or any span naming the call's response id)
 * averaged per model over the calls they grade, each call once, on the real embedded engine.
 */
class ScoreAveragesTest {
  private static final Instant T0 = Instant.parse("2026-03-10T12:00:00Z");

  private static EmbeddedClickHouse engine;
  private static ClickHouseStorage storage;

  @BeforeAll
  static void start() throws Exception {
    engine = TestEngine.start();
    storage = TestEngine.storage(engine).build().start();
  }

  @AfterAll
  static void stop() {
    storage.close();
    engine.close();
  }

  @Test
  void scoresFromEventsAndEvaluatorSpansAverageOverTheCallsOfAModelOnce() {
    String p = "p-scores";
    SpanRow a1 =
        LlmRows.call(
            p, "svc", "gpt-4o", "gpt-4o", "", T0, 10, null, false, 1, 1, 0, true, false, List.of());
    SpanRow a2 =
        LlmRows.call(
            p,
            "svc",
            "gpt-4o",
            "gpt-4o",
            "",
            T0.plusSeconds(1),
            10,
            null,
            false,
            1,
            1,
            0,
            true,
            false,
            List.of());
    SpanRow b1 =
        LlmRows.call(
            p,
            "svc",
            "claude-sonnet-4-5",
            "",
            "",
            T0,
            10,
            null,
            false,
            1,
            1,
            0,
            true,
            false,
            List.of());
    // Outside the window: its score must not count.
    SpanRow late =
        LlmRows.call(
            p,
            "svc",
            "gpt-4o",
            "gpt-4o",
            "",
            T0.plus(Duration.ofHours(2)),
            10,
            null,
            false,
            1,
            1,
            0,
            true,
            false,
            List.of());
    List<SpanRow> rows = new ArrayList<>();
    // a1: two scores as events on the call itself (one numeric, one sent as a string), plus an
    // unrelated event.
    rows.add(
        LlmRows.withEvents(
            a1,
            "["
                + event("relevance", "0.9")
                + ","
                + event("helpfulness", "\"4\"")
                + ",{\"name\":\"gen_ai.content.prompt\",\"timeUnixNano\":\"1\",\"attributes\":{}}]",
            "resp-a1"));
    // a2: scored by an evaluator span, its child; b1: scored by response id only (the evaluator
    // knew no span).
    rows.add(LlmRows.withEvents(a2, "", "resp-a2"));
    rows.add(
        LlmRows.childSpan(
            a2,
            T0.plusSeconds(30),
            java.util.Map.of(
                "gen_ai.evaluation.name",
                "relevance",
                "gen_ai.evaluation.score.value",
                "0.5",
                "gen_ai.evaluation.score.label",
                "partial")));
    rows.add(LlmRows.withEvents(b1, "", "resp-b1"));
    rows.add(LlmRows.withEvents(late, "[" + event("relevance", "0.0") + "]", "resp-late"));
    storage.spanWriter(TestEngine.HISTORIC).write(rows);
    SpanRow byResponseId =
        LlmRows.withEvents(
            LlmRows.childSpan(late, T0.plusSeconds(60), java.util.Map.of()),
            "[" + event("relevance", "0.25", "resp-b1") + "]",
            "");
    // An evaluator's trace of its own (different trace id): it names the call by response id only.
    storage.spanWriter(TestEngine.HISTORIC).write(List.of(withTrace(byResponseId, "f".repeat(32))));
    // A replay of the evaluator span and of a call carrying score events (ingest crash after
    // insert)
    // adds no second score.
    storage.spanWriter(TestEngine.HISTORIC).write(List.of(rows.get(2), rows.get(0)));

    // Scores not on their call's own events are attributed to it by the resolver (the query role
    // runs it every few seconds); until then they are pending.
    // (the replayed evaluator span's unmerged copy counts too).
    assertThat(storage.scoreStore(TestEngine.HISTORIC).resolvePending(10_000, 3650))
        .isBetween(2L, 3L);

    Instant from = T0.minusSeconds(60);
    Instant to = T0.plus(Duration.ofHours(1));
    assertThat(
            storage
                .analyticsReader()
                .scoreAverages(p, from, to, CallFilter.ANY.withModel("gpt-4o")))
        .containsExactly(
            new dev.boxscore.storage.analytics.ScoreAverage("helpfulness", 1, 4.0),
            new dev.boxscore.storage.analytics.ScoreAverage("relevance", 2, 0.7));
    assertThat(
            storage
                .analyticsReader()
                .scoreAverages(p, from, to, CallFilter.ANY.withModel("claude-sonnet-4-5")))
        .containsExactly(new dev.boxscore.storage.analytics.ScoreAverage("relevance", 1, 0.25));
    assertThat(storage.analyticsReader().scoreAverages("other", from, to, CallFilter.ANY))
        .isEmpty();
  }

  private static String event(String name, String value) {
    return "{\"name\":\"gen_ai.evaluation.result\",\"timeUnixNano\":\"1\",\"attributes\":"
        + "{\"gen_ai.evaluation.name\":\""
        + name
        + "\",\"gen_ai.evaluation.score.value\":"
        + value
        + "}}";
  }

  private static String event(String name, String value, String responseId) {
    return "{\"name\":\"gen_ai.evaluation.result\",\"timeUnixNano\":\"1\",\"attributes\":"
        + "{\"gen_ai.evaluation.name\":\""
        + name
        + "\",\"gen_ai.evaluation.score.value\":"
        + value
        + ",\"gen_ai.response.id\":\""
        + responseId
        + "\"}}";
  }

  private static SpanRow withTrace(SpanRow r, String traceId) {
    return new SpanRow(
        r.projectId(),
        traceId,
        r.spanId(),
        "",
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
        r.resourceAttributes(),
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
