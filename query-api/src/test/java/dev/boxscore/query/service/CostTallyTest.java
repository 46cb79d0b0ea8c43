package dev.boxscore.query.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boxscore.model.pricing.ModelPrice;
import dev.boxscore.model.pricing.PriceCatalog;
import dev.boxscore.storage.SpanRow;
import dev.boxscore.storage.analytics.PricingUnit;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How one call is priced in the trace views: as its unit is priced in analytics. */
class CostTallyTest {
  private static final PriceCatalog CATALOG =
      PriceCatalog.of(
          List.of(
              new ModelPrice(
                  "openai",
                  "gpt-4o",
                  true,
                  new BigDecimal("2.5"),
                  BigDecimal.TEN,
                  null,
                  null,
                  null,
                  LocalDate.of(2024, 5, 13),
                  "test")));

  private static SpanRow call(String model, boolean reported, boolean estimated, String status) {
    return new SpanRow(
        "p",
        "0af7651916cd43dd8448eb211c80319c",
        "b7ad6b7169203331",
        "",
        "chat",
        "CLIENT",
        "svc",
        "s",
        "1",
        Instant.parse("2026-12-01T23:59:59Z"),
        1L,
        status,
        "",
        Map.of(),
        Map.of(),
        "",
        true,
        "openai",
        "chat",
        model,
        "",
        reported,
        1000,
        100,
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
        estimated);
  }

  private static CostTally tally(SpanRow row) {
    PricingUnit unit = TraceService.unitOf(row);
    CostTally tally = new CostTally();
    tally.add(unit, CATALOG);
    return tally;
  }

  @Test
  void aReportedCallIsPricedOnItsUtcDay() {
    PricingUnit unit = TraceService.unitOf(call("gpt-4o", true, false, "ERROR"));
    assertThat(unit.day()).isEqualTo(LocalDate.of(2026, 12, 1));
    assertThat(unit.errors()).isEqualTo(1);
    assertThat(tally(call("gpt-4o", true, false, "UNSET")).cost()).isEqualByComparingTo("0.0035");
  }

  @Test
  void anEstimatedCallIsPricedAndCountedAsEstimated() {
    CostTally t = tally(call("gpt-4o", false, true, "UNSET"));
    assertThat(t.cost()).isEqualByComparingTo("0.0035");
    assertThat(t.estimatedCalls()).isEqualTo(1);
  }

  @Test
  void aCallWithoutTokensOrPriceIsUnpricedNeverFree() {
    CostTally noTokens = tally(call("gpt-4o", false, false, "UNSET"));
    assertThat(noTokens.cost()).isNull();
    assertThat(noTokens.unpricedCalls()).isEqualTo(1);
    CostTally unknown = tally(call("acme-7", true, false, "UNSET"));
    assertThat(unknown.cost()).isNull();
    assertThat(unknown.unpricedModels()).containsExactly("acme-7");
  }
}
