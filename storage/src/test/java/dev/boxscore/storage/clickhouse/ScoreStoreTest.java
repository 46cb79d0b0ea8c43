package dev.boxscore.storage.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boxscore.embedded.clickhouse.EmbeddedClickHouse;
import dev.boxscore.storage.SpanRow;
import dev.boxscore.storage.analytics.CallFilter;
import dev.boxscore.storage.analytics.Dimension;
import dev.boxscore.storage.analytics.RepeatingWindow;
import dev.boxscore.storage.analytics.TimeWindow;
import dev.boxscore.storage.scores.JudgedCall;
import dev.boxscore.storage.scores.Score;
import dev.boxscore.storage.scores.ScoreAggregate;
import dev.boxscore.storage.scores.ScoreAggregateQuery;
import dev.boxscore.storage.scores.ScoreDataType;
import dev.boxscore.storage.scores.ScoreQuery;
import dev.boxscore.storage.scores.ScoreSource;
import dev.boxscore.storage.scores.ScoreStore;
import dev.boxscore.storage.scores.ScoreTarget;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Scores on the real engine: one row per id, each kind of target attributed to the call it judges
 * (a span; a trace's last LLM call; the call a response id names; a session's user), aggregated by
 * the call's dimensions, sampled for drift.
 */
class ScoreStoreTest {
  private static final Instant T0 = Instant.parse("2026-04-02T10:00:00Z");
  private static final String P = "p-score-store";
  private static final String TRACE = "a".repeat(32);
  private static final String OTHER_TRACE = "b".repeat(32);

  private static EmbeddedClickHouse engine;
  private static ClickHouseStorage storage;
  private static ScoreStore scores;
  private static SpanRow first;
  private static SpanRow last;
  private static SpanRow bobs;

  @BeforeAll
  static void start() throws Exception {
    engine = TestEngine.start();
    storage = TestEngine.storage(engine).build().start();
    scores = storage.scoreStore(TestEngine.HISTORIC);
    first =
        LlmRows.inTrace(
            LlmRows.call(
                P, "support", "gpt-4o", "gpt-4o", "fp", T0, 900, null, false, 10, 5, 0, true, false,
                List.of()),
            TRACE,
            Map.of(),
            "v1");
    last =
        LlmRows.inTrace(
            LlmRows.call(
                P,
                "support",
                "claude-sonnet-4-5",
                "",
                "fp",
                T0.plusSeconds(5),
                700,
                null,
                false,
                10,
                5,
                0,
                true,
                false,
                List.of()),
            TRACE,
            Map.of("user.id", "alice", "session.id", "chat-1"),
            "v2");
    bobs =
        LlmRows.withEvents(
            LlmRows.inTrace(
                LlmRows.call(
                    P,
                    "support",
                    "gpt-4o",
                    "gpt-4o",
                    "fp",
                    T0.plusSeconds(9),
                    800,
                    null,
                    false,
                    10,
                    5,
                    0,
                    true,
                    false,
                    List.of()),
                OTHER_TRACE,
                Map.of("user.id", "bob"),
                "v1"),
            "",
            "resp-bob");
    storage.spanWriter(TestEngine.HISTORIC).write(List.of(first, last, bobs));
  }

  @AfterAll
  static void stop() {
    storage.close();
    engine.close();
  }

  @Test
  void eachTargetIsAttributedToItsCallAndAnIdIsStoredOnce() {
    Instant at = T0.plusSeconds(60);
    scores.write(
        P,
        List.of(
            score(
                "s1",
                ScoreTarget.SPAN,
                TRACE,
                first.spanId(),
                "",
                "",
                "helpfulness",
                ScoreDataType.NUMERIC,
                0.8,
                "",
                at),
            score(
                "s2",
                ScoreTarget.TRACE,
                TRACE,
                "",
                "",
                "",
                "user_feedback",
                ScoreDataType.BOOLEAN,
                0.0,
                "false",
                at),
            score(
                "s3",
                ScoreTarget.SESSION,
                "",
                "",
                "chat-1",
                "",
                "resolution",
                ScoreDataType.CATEGORICAL,
                null,
                "resolved",
                at),
            score(
                "s4",
                ScoreTarget.SPAN,
                "",
                "",
                "",
                "resp-bob",
                "helpfulness",
                ScoreDataType.NUMERIC,
                1.0,
                "",
                at),
            score(
                "s5",
                ScoreTarget.SPAN,
                "c".repeat(32),
                "0000000000000001",
                "",
                "",
                "helpfulness",
                ScoreDataType.NUMERIC,
                0.1,
                "",
                at)));
    // s1 again: replaced, not added.
    scores.write(
        P,
        List.of(
            score(
                "s1",
                ScoreTarget.SPAN,
                TRACE,
                first.spanId(),
                "",
                "",
                "helpfulness",
                ScoreDataType.NUMERIC,
                0.6,
                "",
                at)));

    // Five pending scores; s1's replaced version counts too until a merge removes it.
    assertThat(scores.resolvePending(10_000, 3650)).isBetween(5L, 6L);

    List<Score> onTrace = scores.forTrace(P, TRACE);
    assertThat(onTrace).extracting(Score::id).containsExactlyInAnyOrder("s1", "s2");
    Score s1 = onTrace.stream().filter(s -> s.id().equals("s1")).findFirst().orElseThrow();
    assertThat(s1.value()).isEqualTo(0.6);
    assertThat(s1.call().requestModel()).isEqualTo("gpt-4o");
    assertThat(s1.call().promptVersion()).isEqualTo("v1");
    Score s2 = onTrace.stream().filter(s -> s.id().equals("s2")).findFirst().orElseThrow();
    assertThat(s2.call().spanId())
        .as("a trace's score judges its last call")
        .isEqualTo(last.spanId());
    assertThat(s2.call().userId()).isEqualTo("alice");

    List<Score> all = scores.list(P, query(null, null));
    assertThat(all).extracting(Score::id).containsExactlyInAnyOrder("s1", "s2", "s3", "s4", "s5");
    Score s3 = all.stream().filter(s -> s.id().equals("s3")).findFirst().orElseThrow();
    assertThat(s3.call().userId()).isEqualTo("alice");
    assertThat(s3.call().requestModel()).isEmpty();
    Score s4 = all.stream().filter(s -> s.id().equals("s4")).findFirst().orElseThrow();
    assertThat(s4.traceId()).isEqualTo(OTHER_TRACE);
    assertThat(s4.call().userId()).isEqualTo("bob");
    Score s5 = all.stream().filter(s -> s.id().equals("s5")).findFirst().orElseThrow();
    assertThat(s5.call()).as("its call never arrived: pending").isNull();
    assertThat(scores.list(P, query("bob", null))).extracting(Score::id).containsExactly("s4");
    assertThat(scores.list(P, query(null, ScoreSource.ANNOTATION))).isEmpty();

    // By prompt version over the calls' time: v1 has s1 (0.6) and s4 (1.0); v2 the feedback.
    List<ScoreAggregate> byVersion =
        scores.aggregates(
            P,
            new ScoreAggregateQuery(
                T0.minusSeconds(60),
                T0.plus(Duration.ofHours(1)),
                CallFilter.ANY,
                null,
                null,
                null,
                List.of(Dimension.PROMPT_VERSION),
                null));
    ScoreAggregate v1 = find(byVersion, "helpfulness", "v1");
    assertThat(v1.scored()).isEqualTo(2);
    assertThat(v1.average()).isCloseTo(0.8, org.assertj.core.data.Offset.offset(1e-9));
    ScoreAggregate feedback = find(byVersion, "user_feedback", "v2");
    assertThat(feedback.average()).isZero();
    assertThat(feedback.labels()).containsEntry("false", 1L);
    // Hourly buckets: the calls' hour, not the scores'.
    List<ScoreAggregate> hourly =
        scores.aggregates(
            P,
            new ScoreAggregateQuery(
                T0.minusSeconds(3600),
                T0.plus(Duration.ofHours(2)),
                CallFilter.ANY,
                "alice",
                null,
                null,
                List.of(Dimension.USER),
                Duration.ofHours(1)));
    assertThat(hourly)
        .extracting(ScoreAggregate::name)
        .containsExactlyInAnyOrder("user_feedback", "resolution");
    assertThat(hourly)
        .allMatch(a -> a.period().equals(T0) && a.group().get(Dimension.USER).equals("alice"));

    assertThat(
            scores.samples(
                P,
                T0.minusSeconds(60),
                T0.plusSeconds(3600),
                new CallFilter(null, null, null, null, null, null, "v1"),
                "helpfulness",
                1))
        .hasSize(1);
    assertThat(
            scores.samples(
                P,
                T0.minusSeconds(60),
                T0.plusSeconds(3600),
                new CallFilter(null, null, null, null, null, null, "v1"),
                null,
                100))
        .extracting(s -> s.value())
        .containsExactlyInAnyOrder(0.6, 1.0);
    assertThat(scores.list("another-project", query(null, null))).isEmpty();
  }

  /**
   * Drift's baseline sample in one read: for repeating windows, each window's scores exactly as a
   * read of that window alone returns them, window after window; none from between the windows.
   */
  @Test
  void repeatingWindowsSampleAsOneReadPerWindowDoes() {
    String p = "p-score-windows";
    Instant day0 = Instant.parse("2026-05-04T10:00:00Z");
    List<Score> written = new java.util.ArrayList<>();
    for (int i = 0; i < 120; i++) {
      // Every 37 minutes over 3 days: inside and between the 10:00-11:00 windows.
      Instant call = day0.plusSeconds(37L * 60 * i);
      written.add(
          new Score(
              "w" + i,
              ScoreTarget.SPAN,
              TRACE,
              String.format("%016x", i),
              "",
              "",
              i % 3 == 0 ? "tone" : "helpfulness",
              ScoreDataType.NUMERIC,
              (double) i,
              "",
              "",
              ScoreSource.API,
              "test",
              "",
              call,
              new JudgedCall(call, "", "svc", "openai", "gpt-4o", "gpt-4o", "", "v9", "")));
    }
    scores.write(p, written);
    RepeatingWindow baseline =
        new RepeatingWindow(
            new TimeWindow(day0, day0.plus(Duration.ofHours(1))), Duration.ofDays(1), 3);
    CallFilter subject = new CallFilter("svc", null, null, null, null, null, null);
    List<String> perWindow = new java.util.ArrayList<>();
    for (String name : List.of("helpfulness", "tone")) {
      for (TimeWindow w : baseline.windows()) {
        scores
            .samples(p, w.from(), w.to(), subject, name, 1)
            .forEach(s -> perWindow.add(s.name() + "=" + s.value()));
      }
    }
    assertThat(perWindow).hasSizeGreaterThan(3);
    assertThat(
            scores.samples(p, baseline, subject, null, 1).stream()
                .map(s -> s.name() + "=" + s.value()))
        .containsExactlyElementsOf(perWindow);
    // Up to 100 per window: every score inside a window, none from between them.
    assertThat(scores.samples(p, baseline, subject, "helpfulness", 100))
        .allMatch(
            s ->
                baseline.windows().stream()
                    .anyMatch(
                        w -> !s.callTime().isBefore(w.from()) && s.callTime().isBefore(w.to())))
        .hasSize(
            (int)
                written.stream()
                    .filter(
                        s ->
                            s.name().equals("helpfulness")
                                && baseline.windows().stream()
                                    .anyMatch(
                                        w ->
                                            !s.call().start().isBefore(w.from())
                                                && s.call().start().isBefore(w.to())))
                    .count());
  }

  private static ScoreAggregate find(List<ScoreAggregate> list, String name, String version) {
    return list.stream()
        .filter(
            a -> a.name().equals(name) && a.group().get(Dimension.PROMPT_VERSION).equals(version))
        .findFirst()
        .orElseThrow(() -> new AssertionError(name + " " + version + " not in " + list));
  }

  private static ScoreQuery query(String user, ScoreSource source) {
    return new ScoreQuery(
        T0.minusSeconds(3600),
        T0.plusSeconds(7200),
        null,
        source,
        null,
        null,
        null,
        user,
        null,
        null,
        null,
        100,
        0);
  }

  private static Score score(
      String id,
      ScoreTarget target,
      String traceId,
      String spanId,
      String sessionId,
      String responseId,
      String name,
      ScoreDataType type,
      Double value,
      String label,
      Instant at) {
    return new Score(
        id,
        target,
        traceId,
        spanId,
        sessionId,
        responseId,
        name,
        type,
        value,
        label,
        "",
        ScoreSource.API,
        "test",
        "",
        at,
        null);
  }
}
