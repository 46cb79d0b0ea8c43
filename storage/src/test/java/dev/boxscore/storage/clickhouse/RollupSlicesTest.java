package dev.boxscore.storage.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.boxscore.embedded.clickhouse.EmbeddedClickHouse;
import dev.boxscore.storage.SpanRow;
import dev.boxscore.storage.analytics.CallFilter;
import dev.boxscore.storage.analytics.CallStats;
import dev.boxscore.storage.analytics.Dimension;
import dev.boxscore.storage.analytics.PricingUnit;
import dev.boxscore.storage.analytics.RollupQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rollups a question is answered from when it can (the model rollup, the per-service and
 * per-prompt slices, each at its coarsest usable resolution) against the full rollups, on rows
 * written by the real span writer into the real embedded engine.
 */
class RollupSlicesTest {
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

  /**
   * The per-service and per-prompt rollups (llm_slice_rollup) and the model rollup's 3-hour and
   * daily rows answer as the full rollups do: the same calls, errors, tokens, durations and finish
   * reasons exactly, the same latency quantiles within the t-digest's error; over three days and a
   * half, so every resolution is read.
   */
  @Test
  void sliceAndCoarseRollupsAnswerAsTheFullRollups() {
    String p = "p-slices";
    Instant start = Instant.parse("2026-04-06T22:17:00Z");
    List<SpanRow> rows = new ArrayList<>();
    for (int i = 0; i < 700; i++) {
      boolean mini = i % 2 == 0;
      rows.add(
          LlmRows.versioned(
              i % 5 < 2 ? "v2" : "v1",
              p,
              "svc-" + (char) ('a' + i % 3),
              mini ? "gpt-4o-mini" : "gpt-4o",
              mini ? "gpt-4o-mini-2024-07-18" : "gpt-4o-2024-08-06",
              "fp1",
              start.plusSeconds(7L * 60 * i),
              40 + (i * 37) % 900,
              i % 4 == 0 ? 5.0 + i % 13 : null,
              i % 11 == 0,
              100 + i,
              20 + i % 7,
              i % 5,
              true,
              false,
              List.of(i % 20 == 0 ? "length" : "stop")));
    }
    storage.spanWriter(TestEngine.HISTORIC).write(rows);
    Instant from = start.plusSeconds(3 * 60);
    Instant to = start.plusSeconds(79 * 3600 + 11 * 60);
    CallFilter any = CallFilter.ANY;
    CallFilter svcB = new CallFilter("svc-b", null, null, null, null, null, null);
    CallFilter v2 = new CallFilter(null, null, null, null, null, null, "v2");
    for (Duration bucket :
        List.of(
            Duration.ofDays(1),
            Duration.ofHours(12),
            Duration.ofHours(3),
            Duration.ofHours(1),
            Duration.ofMinutes(30),
            Duration.ofMinutes(10),
            Duration.ofMinutes(5))) {
      assertAnswersAsFullRollups(
          p, new RollupQuery(from, to, bucket, any, Set.of(Dimension.SERVICE)));
      assertAnswersAsFullRollups(
          p, new RollupQuery(from, to, bucket, any, Set.of(Dimension.PROMPT_VERSION)));
      assertAnswersAsFullRollups(
          p, new RollupQuery(from, to, bucket, svcB, Set.of(Dimension.MODEL)));
      assertAnswersAsFullRollups(
          p, new RollupQuery(from, to, bucket, v2, Set.of(Dimension.SERVICE)));
      assertAnswersAsFullRollups(
          p, new RollupQuery(from, to, bucket, any, Set.of(Dimension.MODEL)));
      assertAnswersAsFullRollups(p, new RollupQuery(from, to, bucket, any, Set.of()));
      // The model key (a call under each model it answers to), as alert rules and compare ask.
      assertAnswersAsFullRollups(
          p, new RollupQuery(from, to, bucket, any, Set.of(Dimension.MODEL_KEY)));
      assertAnswersAsFullRollups(
          p, new RollupQuery(from, to, bucket, svcB, Set.of(Dimension.MODEL_KEY)));
    }
    long inRange =
        rows.stream()
            .filter(r -> !r.startTime().isBefore(from) && r.startTime().isBefore(to))
            .count();
    assertThat(
            storage
                .analyticsReader()
                .stats(p, new RollupQuery(from, to, Duration.ofDays(1), any, Set.of()))
                .stream()
                .mapToLong(CallStats::calls)
                .sum())
        .isEqualTo(inRange);
  }

  /**
   * Asks {@code q} (answered by a slice or the model rollup) and the same question grouped also by
   * service and prompt version (answered by the full rollups), and compares them summed per group.
   */
  private static void assertAnswersAsFullRollups(String p, RollupQuery q) {
    Set<Dimension> finer = new java.util.HashSet<>(q.groupBy());
    finer.add(Dimension.SERVICE);
    finer.add(Dimension.PROMPT_VERSION);
    List<CallStats> answer = storage.analyticsReader().stats(p, q);
    List<CallStats> parts =
        storage
            .analyticsReader()
            .stats(p, new RollupQuery(q.from(), q.to(), q.bucket(), q.filter(), finer));
    List<PricingUnit> units = storage.analyticsReader().pricingUnits(p, q);
    List<PricingUnit> unitParts =
        storage
            .analyticsReader()
            .pricingUnits(p, new RollupQuery(q.from(), q.to(), q.bucket(), q.filter(), finer));
    assertThat(answer).as("%s", q).isNotEmpty();
    assertThat(answer.stream().mapToLong(CallStats::calls).sum())
        .as("%s", q)
        .isEqualTo(parts.stream().mapToLong(CallStats::calls).sum());
    assertThat(units.stream().mapToLong(u -> u.tokens().input()).sum())
        .isEqualTo(unitParts.stream().mapToLong(u -> u.tokens().input()).sum());
    assertThat(units.stream().mapToLong(PricingUnit::calls).sum())
        .isEqualTo(unitParts.stream().mapToLong(PricingUnit::calls).sum());
    for (CallStats a : answer) {
      List<CallStats> same =
          parts.stream()
              .filter(
                  s ->
                      s.group().bucket().equals(a.group().bucket())
                          && q.groupBy().stream()
                              .allMatch(
                                  d -> s.group().values().get(d).equals(a.group().values().get(d))))
              .toList();
      String what = q + " " + a.group();
      assertThat(a.calls()).as(what).isEqualTo(same.stream().mapToLong(CallStats::calls).sum());
      assertThat(a.errors()).as(what).isEqualTo(same.stream().mapToLong(CallStats::errors).sum());
      assertThat(a.ttftCalls())
          .as(what)
          .isEqualTo(same.stream().mapToLong(CallStats::ttftCalls).sum());
      assertThat(a.tokens().output())
          .as(what)
          .isEqualTo(same.stream().mapToLong(s -> s.tokens().output()).sum());
      assertThat(a.durationSumMs())
          .as(what)
          .isCloseTo(same.stream().mapToDouble(CallStats::durationSumMs).sum(), within(1e-6));
      assertThat(a.finishReasons().getOrDefault("length", 0L))
          .as(what)
          .isEqualTo(
              same.stream().mapToLong(s -> s.finishReasons().getOrDefault("length", 0L)).sum());
      double min = same.stream().mapToDouble(s -> s.latencyMs()[1]).min().orElseThrow();
      double max = same.stream().mapToDouble(s -> s.latencyMs()[1]).max().orElseThrow();
      assertThat(a.latencyMs()[1]).as(what).isBetween(min * 0.97, max * 1.03);
    }
  }
}
