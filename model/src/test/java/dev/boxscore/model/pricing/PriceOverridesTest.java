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
    return new ModelPrice(
        "openai",
        model,
        true,
        new BigDecimal(input),
        new BigDecimal(output),
        null,
        null,
        null,
        LocalDate.parse(from),
        "test");
  }

  @Test
  void aProjectPriceWinsFromItsEffectiveDayAndEarlierCallsKeepTheBuiltInPrice() {
    PriceCatalog builtIn = PriceCatalog.of(List.of(price("gpt-4o", "2.50", "10", "2024-05-13")));
    PriceCatalog project = builtIn.overriddenBy(List.of(price("gpt-4o", "2", "8", "2026-02-01")));
    TokenUsage usage = TokenUsage.of(1_000_000, 1_000_000);
    assertThat(
            project.cost(
                "openai", "gpt-4o-2024-08-06", usage, Instant.parse("2026-01-31T23:59:59Z")))
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

  private static ModelPrice hosted(String provider, String model, String from) {
    return new ModelPrice(
        provider,
        model,
        false,
        BigDecimal.ONE,
        BigDecimal.TEN,
        null,
        null,
        null,
        LocalDate.parse(from),
        "test");
  }

  @Test
  void offersComeFromTheProjectsOwnPricesWhenItPricedTheModelElseFromTheCatalogItOverrides() {
    ModelPrice list = price("claude-sonnet-4-5", "3", "15", "2025-09-29");
    PriceCatalog builtIn = PriceCatalog.of(List.of(list));
    Instant at = Instant.parse("2026-01-01T00:00:00Z");
    assertThat(builtIn.offers("claude-sonnet-4-5-20250929", at)).containsExactly(list);
    assertThat(
            builtIn
                .overriddenBy(List.of(price("gpt-4o", "2", "8", "2025-01-01")))
                .offers("claude-sonnet-4-5", at))
        .as("a project without a price of this model: the built-in offer")
        .containsExactly(list);

    ModelPrice bedrock = hosted("aws.bedrock", "claude-sonnet-4-5", "2025-10-01");
    ModelPrice anthropic = hosted("anthropic", "claude-sonnet-4-5", "2025-10-01");
    PriceCatalog project = builtIn.overriddenBy(List.of(bedrock, anthropic));
    assertThat(project.offers("claude-sonnet-4-5", at)).containsExactly(anthropic, bedrock);
    assertThat(project.offers("claude-sonnet-4-5", Instant.parse("2025-09-30T12:00:00Z")))
        .as("before the project's prices apply, the built-in one is the offer")
        .containsExactly(list);
    assertThat(project.offers("claude-haiku-4-5", at)).isEmpty();
    assertThat(project.offers(null, at)).isEmpty();
  }

  @Test
  void anOfferPerProviderIsThatProvidersPriceValidOnTheDay() {
    ModelPrice old = hosted("groq", "llama-3.3-70b", "2025-01-01");
    ModelPrice cut =
        new ModelPrice(
            "groq",
            "llama-3.3-70b",
            false,
            BigDecimal.ONE,
            BigDecimal.ONE,
            null,
            null,
            null,
            LocalDate.parse("2025-06-01"),
            "test");
    PriceCatalog catalog = PriceCatalog.of(List.of(old, cut));
    assertThat(catalog.offers("llama-3.3-70b", Instant.parse("2025-05-31T23:59:59Z")))
        .containsExactly(old);
    assertThat(catalog.offers("llama-3.3-70b", Instant.parse("2025-06-01T00:00:00Z")))
        .containsExactly(cut);
  }

  @Test
  void onlyAPricePutInFrontOfAnotherCatalogIsAnOverride() {
    ModelPrice list = price("gpt-4o", "2.50", "10", "2024-05-13");
    ModelPrice own = price("gpt-4o", "2", "8", "2026-02-01");
    PriceCatalog builtIn = PriceCatalog.of(List.of(list));
    PriceCatalog project = builtIn.overriddenBy(List.of(own));
    assertThat(project.isOverride(own)).isTrue();
    assertThat(project.isOverride(list)).isFalse();
    assertThat(builtIn.isOverride(list))
        .as("a catalog in front of nothing overrides nothing")
        .isFalse();
  }
}
