package dev.boxscore.model.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boxscore.model.TokenUsage;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class PriceOverridesTest {
  private static ModelPrice price(String model, String input, String output, String from) {
    return new ModelPrice("openai", model, true, new BigDecimal(input), new BigDecimal(output), null, null, null,
        LocalDate.parse(from), "test");
  }

  @Test
  void aProjectPriceWinsFromItsEffectiveDayAndEarlierCallsKeepTheBuiltInPrice() {
    PriceCatalog builtIn = PriceCatalog.of(List.of(price("gpt-4o", "2.50", "10", "2024-05-13")));
    PriceCatalog project = builtIn.overriddenBy(List.of(price("gpt-4o", "2", "8", "2026-02-01")));
    TokenUsage usage = TokenUsage.of(1_000_000, 1_000_000);
    assertThat(project.cost("openai", "gpt-4o-2024-08-06", usage, Instant.parse("2026-01-31T23:59:59Z")))
        .hasValueSatisfying(c -> assertThat(c).isEqualByComparingTo("12.5"));
    assertThat(project.cost("openai", "gpt-4o", usage, Instant.parse("2026-02-01T00:00:00Z")))
        .hasValueSatisfying(c -> assertThat(c).isEqualByComparingTo("10"));
  }

  @Test
  void aCustomModelIsPricedOnlyInItsProjectAndUnknownModelsStayUnpriced() {
    PriceCatalog builtIn = PriceCatalog.of(List.of(price("gpt-4o", "2.50", "10", "2024-05-13")));
    PriceCatalog project = builtIn.overriddenBy(List.of(price("acme-llm", "1", "1", "2025-01-01")));
    Instant at = Instant.parse("2026-01-01T00:00:00Z");
    assertThat(project.find("openai", "acme-llm", at)).isPresent();
    assertThat(builtIn.find("openai", "acme-llm", at)).isEmpty();
    assertThat(project.find("openai", "nobody-knows-me", at)).isEmpty();
  }
}
