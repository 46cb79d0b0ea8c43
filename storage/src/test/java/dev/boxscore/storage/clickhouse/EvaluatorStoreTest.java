package dev.boxscore.storage.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boxscore.embedded.clickhouse.EmbeddedClickHouse;
import dev.boxscore.storage.SpanRow;
import dev.boxscore.storage.evaluators.Evaluator;
import dev.boxscore.storage.evaluators.EvaluatorFilter;
import dev.boxscore.storage.evaluators.EvaluatorStore;
import dev.boxscore.storage.evaluators.JudgeCandidate;
import dev.boxscore.storage.evaluators.JudgeCursor;
import dev.boxscore.storage.evaluators.JudgeDay;
import dev.boxscore.storage.evaluators.JudgeRound;
import dev.boxscore.storage.evaluators.ProjectEvaluator;
import dev.boxscore.storage.scores.ScoreDataType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Evaluators, their runners' rounds and the calls they read, on the real embedded engine. */
class EvaluatorStoreTest {
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
  void anEvaluatorIsStoredChangedAndDeletedPerProject() {
    EvaluatorStore store = storage.evaluatorStore();
    Instant created = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    Evaluator e = evaluator("eval_0000000000000001", "helpfulness", created);
    store.save("p-eval", e);
    assertThat(store.list("p-eval")).containsExactly(e);
    assertThat(store.list("p-other")).isEmpty();
    assertThat(store.all()).contains(new ProjectEvaluator("p-eval", e));

    Evaluator off =
        new Evaluator(
            e.id(),
            e.name(),
            e.scoreName(),
            e.dataType(),
            e.categories(),
            e.template(),
            e.judgeKind(),
            e.baseUrl(),
            e.model(),
            e.apiKey(),
            e.filter(),
            0.5,
            2,
            10,
            false,
            e.ingestKeyId(),
            e.ingestKey(),
            created);
    store.save("p-eval", off);
    assertThat(store.find("p-eval", e.id())).contains(off);
    assertThat(store.delete("p-other", e.id())).isFalse();
    assertThat(store.delete("p-eval", e.id())).isTrue();
    assertThat(store.list("p-eval")).isEmpty();
  }

  @Test
  void candidatesAreTheMatchingCallsAfterTheCursorInOrderAndRoundsAddUpPerDay() {
    EvaluatorStore store = storage.evaluatorStore();
    String p = "p-judge";
    Instant now = Instant.now();
    List<SpanRow> rows = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      rows.add(
          LlmRows.call(
              p,
              i < 3 ? "bot" : "other",
              "gpt-4o",
              "gpt-4o",
              "",
              now,
              10,
              null,
              false,
              1,
              1,
              0,
              true,
              false,
              List.of()));
    }
    storage.spanWriter().write(rows);

    EvaluatorFilter bot = new EvaluatorFilter("bot", "", "");
    Instant until = Instant.now().plusSeconds(5);
    List<JudgeCandidate> all =
        store.candidates(p, bot, JudgeCursor.before(now.minusSeconds(60)), until, 100);
    assertThat(all).hasSize(3);
    assertThat(all).extracting(JudgeCandidate::service).containsOnly("bot");
    assertThat(all).extracting(JudgeCandidate::promptVersion).containsOnly("v1");

    List<JudgeCandidate> first =
        store.candidates(p, bot, JudgeCursor.before(now.minusSeconds(60)), until, 2);
    assertThat(first).containsExactlyElementsOf(all.subList(0, 2));
    List<JudgeCandidate> rest = store.candidates(p, bot, first.get(1).cursor(), until, 2);
    assertThat(rest).containsExactly(all.get(2));
    assertThat(
            store.candidates(
                p,
                new EvaluatorFilter("", "gpt-4o", "v2"),
                JudgeCursor.before(now.minusSeconds(60)),
                until,
                100))
        .isEmpty();

    assertThat(store.cursor(p, "eval_x")).isEmpty();
    Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    store.record(p, "eval_x", new JudgeRound(at, 2, 0, 0.25, "", first.get(1).cursor()));
    store.record(
        p, "eval_x", new JudgeRound(at.plusMillis(5), 1, 1, 0.5, "HTTP 500", rest.get(0).cursor()));
    assertThat(store.cursor(p, "eval_x")).contains(rest.get(0).cursor());
    JudgeDay day = store.day(p, "eval_x", LocalDate.ofInstant(at, ZoneOffset.UTC));
    assertThat(day.judged()).isEqualTo(3);
    assertThat(day.errors()).isEqualTo(1);
    assertThat(day.costUsd()).isEqualTo(0.75);
    assertThat(day.lastError()).isEqualTo("HTTP 500");
    assertThat(store.day(p, "eval_y", LocalDate.ofInstant(at, ZoneOffset.UTC)))
        .isEqualTo(JudgeDay.NONE);
  }

  private static Evaluator evaluator(String id, String name, Instant created) {
    return new Evaluator(
        id,
        name,
        name,
        ScoreDataType.NUMERIC,
        List.of(),
        "Rate {{output}} for {{input}}",
        "openai",
        "http://127.0.0.1:1/v1",
        "sim-judge",
        "secret",
        new EvaluatorFilter("bot", "", ""),
        0.25,
        1.5,
        60,
        true,
        "key_1",
        "bsk_secret",
        created);
  }
}
