package dev.boxscore.storage.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boxscore.embedded.clickhouse.EmbeddedClickHouse;
import dev.boxscore.storage.SpanRow;
import dev.boxscore.storage.TraceQuery;
import dev.boxscore.storage.analytics.CallFilter;
import dev.boxscore.storage.analytics.Dimension;
import dev.boxscore.storage.analytics.ModelVariant;
import dev.boxscore.storage.analytics.PricingUnit;
import dev.boxscore.storage.analytics.ProjectPrice;
import dev.boxscore.storage.analytics.RollupQuery;
import dev.boxscore.storage.search.FieldMatch;
import dev.boxscore.storage.search.FilterField;
import dev.boxscore.storage.search.TextMatch;
import dev.boxscore.storage.search.TraceFilter;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Values a real service, model or price may hold (backslashes, tabs, newlines, quotes, {@code \N},
 * NUL, bidi marks) are filtered on and stored exactly, by every reader and writer: each is bound
 * through {@link BoundStatements}.
 */
class HostileValuesTest {
  private static final Instant T0 = Instant.parse("2026-03-11T12:00:00Z");
  private static EmbeddedClickHouse engine;
  private static ClickHouseStorage storage;

  @BeforeAll
  static void start() throws Exception {
    engine = TestEngine.start();
    storage = TestEngine.storage(engine).build().start();
    List<SpanRow> rows = new ArrayList<>();
    for (String value : VALUES) {
      rows.add(
          LlmRows.call(
              "p-hostile",
              value,
              value,
              "",
              "",
              T0,
              100,
              null,
              false,
              10,
              5,
              0,
              true,
              false,
              List.of("stop")));
    }
    // A plain call every filter above must leave out.
    rows.add(
        LlmRows.call(
            "p-hostile",
            "plain",
            "gpt-4o",
            "",
            "",
            T0,
            100,
            null,
            false,
            10,
            5,
            0,
            true,
            false,
            List.of("stop")));
    storage.spanWriter(project -> 3650).write(rows);
  }

  private static final List<String> VALUES =
      List.of(
          "a\\",
          "back\\slash",
          "tab\there",
          "line\nbreak",
          "\\N",
          "quote'\"",
          "nul\0byte",
          "\u202Ebidi\u200F",
          "x".repeat(4096));

  @AfterAll
  static void stop() {
    storage.close();
    engine.close();
  }

  private static RollupQuery query(CallFilter filter) {
    return new RollupQuery(
        T0.minusSeconds(3600),
        T0.plusSeconds(3600),
        Duration.ofHours(1),
        filter,
        Set.of(Dimension.SERVICE));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7, 8})
  void aServiceOrModelFilterMatchesExactlyThatValue(int index) {
    String value = VALUES.get(index);
    CallFilter byService = new CallFilter(value, null, null, null, null, null, null);
    List<PricingUnit> units = storage.analyticsReader().pricingUnits("p-hostile", query(byService));
    assertThat(units)
        .extracting(u -> u.group().values().get(Dimension.SERVICE))
        .containsExactly(value);
    assertThat(storage.analyticsReader().stats("p-hostile", query(byService)))
        .extracting(s -> s.calls())
        .containsExactly(1L);

    CallFilter byModel = CallFilter.ANY.withModel(value);
    assertThat(storage.analyticsReader().pricingUnits("p-hostile", query(byModel)))
        .extracting(PricingUnit::requestModel)
        .containsExactly(value);
    assertThat(
            storage
                .analyticsReader()
                .variants("p-hostile", T0.minusSeconds(3600), T0.plusSeconds(3600), byModel))
        .extracting(ModelVariant::requestModel)
        .containsExactly(value);
    assertThat(
            storage
                .traceReader("p-hostile")
                .findTraces(
                    new TraceQuery(
                        new TraceFilter(
                            List.of(
                                new FieldMatch(FilterField.SERVICE, null, List.of(value), false)),
                            List.of(),
                            List.of(new TextMatch(value, false)),
                            null,
                            List.of()),
                        T0.minusSeconds(1),
                        T0.plusSeconds(1),
                        10,
                        null))
                .traces())
        .hasSize(1);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7})
  void aProjectPriceIsStoredAndDeletedWithExactlyItsValues(int index) {
    String value = VALUES.get(index);
    String project = "p-price-" + index;
    ProjectPrice price =
        new ProjectPrice(
            "openai",
            value,
            false,
            new BigDecimal("1.5"),
            new BigDecimal("2"),
            null,
            null,
            null,
            LocalDate.of(2026, 1, 1),
            "source " + value);
    storage.priceStore().put(project, price);
    assertThat(storage.priceStore().prices(project)).containsExactly(price);
    assertThat(storage.priceStore().delete(project, "openai", value, LocalDate.of(2026, 1, 1)))
        .isTrue();
    assertThat(storage.priceStore().prices(project)).isEmpty();
  }
}
