package dev.boxscore.storage.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.boxscore.embedded.clickhouse.EmbeddedClickHouse;
import dev.boxscore.storage.SpanRow;
import dev.boxscore.storage.analytics.CallFilter;
import dev.boxscore.storage.analytics.CallSample;
import dev.boxscore.storage.analytics.CallStats;
import dev.boxscore.storage.analytics.Dimension;
import dev.boxscore.storage.analytics.DriftSamples;
import dev.boxscore.storage.analytics.ModelVariant;
import dev.boxscore.storage.analytics.PricingUnit;
import dev.boxscore.storage.analytics.ProjectPrice;
import dev.boxscore.storage.analytics.RepeatingWindow;
import dev.boxscore.storage.analytics.RollupQuery;
import dev.boxscore.storage.analytics.TimeWindow;
import dev.boxscore.storage.analytics.TokenSums;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The analytics statements against the real embedded engine, on rows written by the real span
 * writer.
 */
class AnalyticsReaderTest {
  private static EmbeddedClickHouse engine;
  private static ClickHouseStorage storage;
  private static final Instant T0 = Instant.parse("2026-03-10T12:00:00Z");

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
  void rollupCountsTokensQuantilesAndFinishReasonsPerGroup() {
    String p = "p-stats";
    List<SpanRow> rows = new ArrayList<>();
    // 100 calls of gpt-4o over 10 minutes, durations 1..100 ms, every 10th an error; 50 calls of
    // claude.
    for (int i = 1; i <= 100; i++) {
      rows.add(
          LlmRows.call(
              p,
              "svc-a",
              "gpt-4o",
              "gpt-4o-2024-08-06",
              "fp1",
              T0.plusSeconds(6L * (i - 1)),
              i,
              i % 2 == 0 ? (double) i : null,
              i % 10 == 0,
              1000,
              100,
              200,
              true,
              false,
              List.of("stop")));
    }
    for (int i = 1; i <= 50; i++) {
      rows.add(
          LlmRows.call(
              p,
              "svc-b",
              "claude-sonnet-4-5",
              "",
              "",
              T0.plusSeconds(i),
              500,
              null,
              false,
              10,
              20,
              0,
              false,
              true,
              List.of("end_turn", "max_tokens")));
    }
    storage.spanWriter(TestEngine.HISTORIC).write(rows);
    // Another project's calls are never seen.
    storage
        .spanWriter(TestEngine.HISTORIC)
        .write(
            List.of(
                LlmRows.call(
                    "other",
                    "svc-a",
                    "gpt-4o",
                    "gpt-4o",
                    "",
                    T0,
                    1,
                    null,
                    true,
                    1,
                    1,
                    0,
                    true,
                    false,
                    List.of("stop"))));

    RollupQuery q =
        new RollupQuery(
            T0,
            T0.plus(Duration.ofHours(1)),
            Duration.ofHours(1),
            CallFilter.ANY,
            Set.of(Dimension.MODEL));
    List<CallStats> stats = storage.analyticsReader().stats(p, q);
    assertThat(stats).hasSize(2);
    CallStats claude = stats.get(0);
    CallStats gpt = stats.get(1);
    assertThat(claude.group().values()).containsEntry(Dimension.MODEL, "claude-sonnet-4-5");
    assertThat(claude.calls()).isEqualTo(50);
    assertThat(claude.estimatedCalls()).isEqualTo(50);
    assertThat(claude.usageCalls()).isZero();
    assertThat(claude.finishReasons())
        .containsEntry("end_turn", 50L)
        .containsEntry("max_tokens", 50L);
    assertThat(claude.ttftMs()).containsOnlyNulls();
    assertThat(gpt.group().values()).containsEntry(Dimension.MODEL, "gpt-4o-2024-08-06");
    assertThat(gpt.group().bucket()).isEqualTo(T0);
    assertThat(gpt.calls()).isEqualTo(100);
    assertThat(gpt.errors()).isEqualTo(10);
    assertThat(gpt.tokens().input()).isEqualTo(100_000);
    assertThat(gpt.tokens().cacheRead()).isEqualTo(20_000);
    assertThat(gpt.durationSumMs()).isEqualTo(5050.0);
    assertThat(gpt.latencyMs()[0]).isCloseTo(50.5, within(1.5));
    assertThat(gpt.latencyMs()[3]).isCloseTo(99, within(1.5));
    assertThat(gpt.ttftCalls()).isEqualTo(50);
    assertThat(gpt.ttftMs()[0]).isCloseTo(51, within(1.5));

    List<PricingUnit> units =
        storage
            .analyticsReader()
            .pricingUnits(
                p,
                new RollupQuery(
                    T0,
                    T0.plus(Duration.ofHours(1)),
                    Duration.ofMinutes(5),
                    CallFilter.ANY,
                    Set.of()));
    assertThat(units).extracting(PricingUnit::calls).containsExactly(50L, 50L, 50L);
    assertThat(units.get(0).day()).isEqualTo(LocalDate.of(2026, 3, 10));
    assertThat(units).extracting(PricingUnit::tokenCalls).containsExactly(50L, 50L, 50L);

    DriftSamples samples =
        storage
            .analyticsReader()
            .driftSamples(
                p,
                new RepeatingWindow(
                    new TimeWindow(T0, T0.plusSeconds(60)), Duration.ofSeconds(300), 2),
                RepeatingWindow.once(new TimeWindow(T0.plusSeconds(330), T0.plusSeconds(600))),
                CallFilter.ANY.withModel("gpt-4o"),
                1000);
    // Baseline: calls at 0, 6, ..., 54 s and 300, ..., 354 s; current: 330, ..., 594 s (330-354 s
    // are in both).
    assertThat(samples.baseline()).hasSize(20);
    assertThat(samples.current()).hasSize(45);
    assertThat(samples.current())
        .allSatisfy(c -> assertThat(c.start()).isBetween(T0.plusSeconds(330), T0.plusSeconds(599)));
    CallSample at330 =
        samples.current().stream()
            .filter(c -> c.start().equals(T0.plusSeconds(330)))
            .findFirst()
            .orElseThrow();
    // Call 56: every field decoded as written.
    assertThat(at330.durationMs()).isEqualTo(56.0);
    assertThat(at330.ttftMs()).isEqualTo(56.0);
    assertThat(at330.error()).isFalse();
    assertThat(at330.hasTokens()).isTrue();
    assertThat(at330.tokens()).isEqualTo(new TokenSums(1000, 100, 200, 0, 0));
    assertThat(at330.finishReasons()).containsExactly("stop");
    assertThat(at330.requestModel()).isEqualTo("gpt-4o");
    assertThat(at330.responseModel()).isEqualTo("gpt-4o-2024-08-06");
    DriftSamples capped =
        storage
            .analyticsReader()
            .driftSamples(
                p,
                RepeatingWindow.once(new TimeWindow(T0, T0.plusSeconds(600))),
                RepeatingWindow.once(new TimeWindow(T0, T0.plusSeconds(600))),
                CallFilter.ANY.withModel("gpt-4o"),
                7);
    // The limit holds per side, and the sample is the same pseudo-random one on both sides.
    assertThat(capped.baseline()).hasSize(7).isEqualTo(capped.current());
  }

  /**
   * Drift reads llm_calls, where a call is keyed by its request model and, when the provider
   * answered with another model, by that one too: whichever model the subject names, each matching
   * call is in the sample once.
   */
  @Test
  void driftSamplesHoldEachCallOnceWhicheverOfItsModelsTheSubjectNames() {
    String p = "p-drift-keys";
    List<SpanRow> rows = new ArrayList<>();
    // 10 calls of gpt-4o answered by the dated model, 5 asking for the dated model itself, 4 failed
    // gpt-4o calls
    // that name no response model, 3 of claude; all within one minute.
    for (int i = 0; i < 10; i++) {
      rows.add(
          LlmRows.call(
              p,
              "svc",
              "gpt-4o",
              "gpt-4o-2024-08-06",
              "",
              T0.plusSeconds(i),
              10,
              null,
              false,
              1,
              1,
              0,
              true,
              false,
              List.of("stop")));
    }
    for (int i = 0; i < 5; i++) {
      rows.add(
          LlmRows.call(
              p,
              "svc",
              "gpt-4o-2024-08-06",
              "gpt-4o-2024-08-06",
              "",
              T0.plusSeconds(i),
              20,
              null,
              false,
              1,
              1,
              0,
              true,
              false,
              List.of("stop")));
    }
    for (int i = 0; i < 4; i++) {
      rows.add(
          LlmRows.call(
              p,
              "svc",
              "gpt-4o",
              "",
              "",
              T0.plusSeconds(i),
              30,
              null,
              true,
              0,
              0,
              0,
              false,
              false,
              List.of()));
    }
    for (int i = 0; i < 3; i++) {
      rows.add(
          LlmRows.call(
              p,
              "svc",
              "claude-sonnet-4-5",
              "claude-sonnet-4-5",
              "",
              T0.plusSeconds(i),
              40,
              null,
              false,
              1,
              1,
              0,
              true,
              false,
              List.of("end_turn")));
    }
    rows.add(LlmRows.childSpan(rows.get(0), T0, Map.of("kind", "not an LLM call")));
    storage.spanWriter(TestEngine.HISTORIC).write(rows);
    // The same span stored again (a replay after an ingest crash): still one call.
    storage.spanWriter(TestEngine.HISTORIC).write(List.of(rows.get(0)));

    CallFilter any = CallFilter.ANY;
    assertThat(driftCalls(p, any.withModel("gpt-4o"))).isEqualTo(14);
    assertThat(driftCalls(p, any.withModel("gpt-4o-2024-08-06"))).isEqualTo(15);
    assertThat(driftCalls(p, any.withRequestModel("gpt-4o-2024-08-06"))).isEqualTo(5);
    assertThat(
            driftCalls(p, new CallFilter(null, null, null, null, "gpt-4o-2024-08-06", null, null)))
        .isEqualTo(15);
    assertThat(
            driftCalls(
                p, new CallFilter(null, null, null, "gpt-4o", "gpt-4o-2024-08-06", null, null)))
        .isEqualTo(10);
    assertThat(
            driftCalls(
                p, new CallFilter(null, null, "gpt-4o", null, "gpt-4o-2024-08-06", null, null)))
        .isEqualTo(10);
    assertThat(driftCalls(p, any)).isEqualTo(22);
    assertThat(driftCalls(p, new CallFilter("svc", null, null, null, null, null, null)))
        .isEqualTo(22);
    assertThat(driftCalls(p, any.withModel("gpt-4o-mini"))).isZero();
  }

  /**
   * Calls in both drift sides of [T0, T0 + 1 min) for {@code subject}, checking both sides read the
   * same calls.
   */
  private static int driftCalls(String project, CallFilter subject) {
    RepeatingWindow minute = RepeatingWindow.once(new TimeWindow(T0, T0.plusSeconds(60)));
    DriftSamples samples =
        storage.analyticsReader().driftSamples(project, minute, minute, subject, 1000);
    assertThat(samples.baseline()).isEqualTo(samples.current());
    return samples.current().size();
  }

  @Test
  void wholeHoursFromTheHourTableAndEdgesFromTheMinuteTableAddUpExactly() {
    String p = "p-hours";
    List<SpanRow> rows = new ArrayList<>();
    Instant start = Instant.parse("2026-04-01T09:00:00Z");
    for (int i = 0; i < 5 * 60; i++) {
      rows.add(
          LlmRows.call(
              p,
              "svc",
              "gpt-4o",
              "",
              "",
              start.plusSeconds(60L * i + 30),
              i % 7 + 1,
              null,
              i % 11 == 0,
              i,
              2 * i,
              0,
              true,
              false,
              List.of("stop")));
    }
    storage.spanWriter(TestEngine.HISTORIC).write(rows);
    Instant from = Instant.parse("2026-04-01T09:17:10Z");
    Instant to = Instant.parse("2026-04-01T13:42:00Z");
    long expectedCalls = 0;
    long expectedInput = 0;
    for (SpanRow r : rows) {
      Instant minute = r.startTime().truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
      if (!minute.isBefore(from.truncatedTo(java.time.temporal.ChronoUnit.MINUTES))
          && minute.isBefore(to)) {
        expectedCalls++;
        expectedInput += r.inputTokens();
      }
    }
    List<CallStats> hourly =
        storage
            .analyticsReader()
            .stats(p, new RollupQuery(from, to, Duration.ofHours(1), CallFilter.ANY, Set.of()));
    assertThat(hourly)
        .extracting(s -> s.group().bucket().toString())
        .containsExactly(
            "2026-04-01T09:00:00Z",
            "2026-04-01T10:00:00Z",
            "2026-04-01T11:00:00Z",
            "2026-04-01T12:00:00Z",
            "2026-04-01T13:00:00Z");
    assertThat(hourly.stream().mapToLong(CallStats::calls).sum()).isEqualTo(expectedCalls);
    assertThat(hourly.stream().mapToLong(s -> s.tokens().input()).sum()).isEqualTo(expectedInput);
    assertThat(hourly.get(0).calls()).isEqualTo(43);
    assertThat(hourly.get(1).calls()).isEqualTo(60);
    assertThat(hourly.get(4).calls()).isEqualTo(42);
    List<PricingUnit> units =
        storage
            .analyticsReader()
            .pricingUnits(
                p, new RollupQuery(from, to, Duration.ofDays(1), CallFilter.ANY, Set.of()));
    assertThat(units).hasSize(1);
    assertThat(units.get(0).calls()).isEqualTo(expectedCalls);
  }

  @Test
  void variantsShowWhenAResponseModelFirstAnswered() {
    String p = "p-variants";
    List<SpanRow> rows = new ArrayList<>();
    for (int m = 0; m < 30; m++) {
      String response = m < 17 ? "gpt-4o-2024-08-06" : "gpt-4o-2024-11-20";
      rows.add(
          LlmRows.call(
              p,
              "svc",
              "gpt-4o",
              response,
              "fp",
              T0.plusSeconds(60L * m + 7),
              100,
              null,
              false,
              10,
              10,
              0,
              true,
              false,
              List.of("stop")));
    }
    storage.spanWriter(TestEngine.HISTORIC).write(rows);
    List<ModelVariant> variants =
        storage.analyticsReader().variants(p, T0, T0.plus(Duration.ofHours(1)), CallFilter.ANY);
    assertThat(variants)
        .extracting(ModelVariant::responseModel)
        .containsExactly("gpt-4o-2024-08-06", "gpt-4o-2024-11-20");
    assertThat(variants.get(1).firstMinute()).isEqualTo(T0.plusSeconds(17 * 60));
    assertThat(variants.get(1).calls()).isEqualTo(13);
  }

  @Test
  void modelKeyedRollupAnswersAsTheFullRollups() {
    String p = "p-model-rollup";
    Instant start = Instant.parse("2026-05-02T08:00:00Z");
    storage.spanWriter(TestEngine.HISTORIC).write(LlmRows.twoServicesTwoModels(p, start));
    Instant from = start.plusSeconds(17 * 60);
    Instant to = start.plusSeconds(4 * 3600 + 25 * 60);
    // Grouped by model only: the model-keyed rollup. Grouped by model and service: the full
    // rollups.
    List<CallStats> byModel =
        storage
            .analyticsReader()
            .stats(
                p,
                new RollupQuery(
                    from, to, Duration.ofHours(1), CallFilter.ANY, Set.of(Dimension.MODEL)));
    List<CallStats> byModelAndService =
        storage
            .analyticsReader()
            .stats(
                p,
                new RollupQuery(
                    from,
                    to,
                    Duration.ofHours(1),
                    CallFilter.ANY,
                    Set.of(Dimension.MODEL, Dimension.SERVICE)));
    assertThat(byModel).hasSize(10);
    assertThat(byModelAndService).hasSize(20);
    for (CallStats m : byModel) {
      List<CallStats> parts =
          byModelAndService.stream()
              .filter(
                  s ->
                      s.group().bucket().equals(m.group().bucket())
                          && s.group()
                              .values()
                              .get(Dimension.MODEL)
                              .equals(m.group().values().get(Dimension.MODEL)))
              .toList();
      assertThat(parts).hasSize(2);
      assertThat(m.calls()).isEqualTo(parts.stream().mapToLong(CallStats::calls).sum());
      assertThat(m.errors()).isEqualTo(parts.stream().mapToLong(CallStats::errors).sum());
      assertThat(m.ttftCalls()).isEqualTo(parts.stream().mapToLong(CallStats::ttftCalls).sum());
      assertThat(m.tokens().input())
          .isEqualTo(parts.stream().mapToLong(s -> s.tokens().input()).sum());
      assertThat(m.tokens().cacheRead())
          .isEqualTo(parts.stream().mapToLong(s -> s.tokens().cacheRead()).sum());
      assertThat(m.durationSumMs())
          .isEqualTo(parts.stream().mapToDouble(CallStats::durationSumMs).sum());
      assertThat(m.finishReasons().getOrDefault("length", 0L))
          .isEqualTo(
              parts.stream().mapToLong(s -> s.finishReasons().getOrDefault("length", 0L)).sum());
      // The same calls' latency quantiles (each within the t-digest's error of the true value).
      double min = parts.stream().mapToDouble(s -> s.latencyMs()[0]).min().orElseThrow();
      double max = parts.stream().mapToDouble(s -> s.latencyMs()[0]).max().orElseThrow();
      assertThat(m.latencyMs()[0]).isBetween(min * 0.9, max * 1.1);
    }
    // Whole range, one bucket: the median of these durations is 54.5.
    List<CallStats> whole =
        storage
            .analyticsReader()
            .stats(
                p,
                new RollupQuery(
                    start,
                    start.plusSeconds(5 * 3600),
                    Duration.ofDays(1),
                    CallFilter.ANY,
                    Set.of()));
    assertThat(whole)
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.calls()).isEqualTo(270);
              assertThat(s.latencyMs()[0]).isCloseTo(54.5, within(2.0));
            });
    // A service filter cannot use the model-keyed rollup, and gets only that service's calls.
    List<CallStats> onlyA =
        storage
            .analyticsReader()
            .stats(
                p,
                new RollupQuery(
                    start,
                    start.plusSeconds(5 * 3600),
                    Duration.ofDays(1),
                    new CallFilter("svc-a", null, null, null, null, null, null),
                    Set.of()));
    assertThat(onlyA).singleElement().extracting(CallStats::calls).isEqualTo(135L);

    List<PricingUnit> units =
        storage
            .analyticsReader()
            .pricingUnits(
                p,
                new RollupQuery(
                    from, to, Duration.ofDays(1), CallFilter.ANY, Set.of(Dimension.MODEL)));
    List<PricingUnit> unitsByService =
        storage
            .analyticsReader()
            .pricingUnits(
                p,
                new RollupQuery(
                    from,
                    to,
                    Duration.ofDays(1),
                    CallFilter.ANY,
                    Set.of(Dimension.MODEL, Dimension.SERVICE)));
    assertThat(units).hasSize(2);
    assertThat(units.stream().mapToLong(u -> u.tokens().input()).sum())
        .isEqualTo(unitsByService.stream().mapToLong(u -> u.tokens().input()).sum());
    assertThat(units.stream().mapToLong(PricingUnit::calls).sum())
        .isEqualTo(byModel.stream().mapToLong(CallStats::calls).sum());

    List<ModelVariant> variants =
        storage.analyticsReader().variants(p, start, start.plusSeconds(5 * 3600), CallFilter.ANY);
    List<ModelVariant> variantsOfA =
        storage
            .analyticsReader()
            .variants(
                p,
                start,
                start.plusSeconds(5 * 3600),
                new CallFilter("svc-a", null, null, null, null, null, null));
    assertThat(variants)
        .extracting(
            ModelVariant::requestModel, ModelVariant::systemFingerprint, ModelVariant::firstMinute)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("gpt-4o", "fp1", start.plusSeconds(60)),
            org.assertj.core.groups.Tuple.tuple("gpt-4o", "fp2", start.plusSeconds(200 * 60)),
            org.assertj.core.groups.Tuple.tuple("gpt-4o-mini", "fp1", start),
            org.assertj.core.groups.Tuple.tuple("gpt-4o-mini", "fp2", start.plusSeconds(201 * 60)));
    assertThat(variants.stream().mapToLong(ModelVariant::calls).sum()).isEqualTo(270);
    assertThat(variantsOfA.stream().mapToLong(ModelVariant::calls).sum()).isEqualTo(135);
  }

  @Test
  void projectPricesAreReplacedAndDeleted() {
    var store = storage.priceStore();
    ProjectPrice price =
        new ProjectPrice(
            "openai",
            "my-model",
            false,
            new BigDecimal("1.5"),
            new BigDecimal("2"),
            null,
            null,
            null,
            LocalDate.of(2026, 1, 1),
            "contract");
    store.put("p-prices", price);
    store.put(
        "p-prices",
        new ProjectPrice(
            "openai",
            "my-model",
            false,
            new BigDecimal("1.25"),
            new BigDecimal("2"),
            new BigDecimal("0.1"),
            null,
            null,
            LocalDate.of(2026, 1, 1),
            "fixed"));
    assertThat(store.prices("p-prices"))
        .singleElement()
        .satisfies(
            pp -> {
              assertThat(pp.inputPerMillion()).isEqualByComparingTo("1.25");
              assertThat(pp.cacheReadPerMillion()).isEqualByComparingTo("0.1");
              assertThat(pp.cacheWritePerMillion()).isNull();
            });
    assertThat(store.prices("other")).isEmpty();
    assertThat(store.delete("p-prices", "openai", "my-model", LocalDate.of(2026, 1, 1))).isTrue();
    assertThat(store.prices("p-prices")).isEmpty();
  }
}
