package dev.boxscore.model.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.boxscore.model.LlmCall;
import dev.boxscore.model.TokenUsage;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PriceCatalogTest {

  private static final Instant NOV_2025 = Instant.parse("2025-11-30T12:00:00Z");

  private final PriceCatalog catalog = PriceCatalog.builtIn();

  @ParameterizedTest(name = "{0} / {1} -> {2}")
  @CsvSource({
    "openai,          gpt-4o-mini-2024-07-18,                        gpt-4o-mini",
    "openai,          gpt-4o-mini,                                   gpt-4o-mini",
    "openai,          gpt-4o-2024-08-06,                             gpt-4o",
    "openai,          gpt-4o-2024-05-13,                             gpt-4o-2024-05-13",
    "openai,          openai/gpt-4o,                                 gpt-4o",
    "OpenAI,          GPT-4o-Mini,                                   gpt-4o-mini",
    "azure.ai.openai, gpt-4o,                                        gpt-4o",
    "openai,          gpt-4.1-nano-2025-04-14,                       gpt-4.1-nano",
    "openai,          gpt-4.1-2025-04-14,                            gpt-4.1",
    "openai,          o3-mini-2025-01-31,                            o3-mini",
    "openai,          o3-2025-04-16,                                 o3",
    "openai,          o4-mini,                                       o4-mini",
    "openai,          o1-preview,                                    o1-preview",
    "openai,          gpt-5-mini-2025-08-07,                         gpt-5-mini",
    "openai,          gpt-5-2025-08-07,                              gpt-5",
    "openai,          gpt-5.1-2025-11-13,                            gpt-5.1",
    "openai,          gpt-5-chat-latest,                             gpt-5-chat",
    "openai,          text-embedding-3-small,                        text-embedding-3-small",
    "anthropic,       claude-3-5-sonnet-20241022,                    claude-3-5-sonnet",
    "anthropic,       claude-3-5-sonnet-latest,                      claude-3-5-sonnet",
    "anthropic,       claude-3-haiku-20240307,                       claude-3-haiku",
    "anthropic,       claude-sonnet-4-5-20250929,                    claude-sonnet-4-5",
    "anthropic,       claude-sonnet-4-20250514,                      claude-sonnet-4",
    "anthropic,       claude-opus-4-0,                               claude-opus-4",
    "anthropic,       claude-opus-4-1-20250805,                      claude-opus-4-1",
    "aws.bedrock,     anthropic.claude-3-5-sonnet-20241022-v2:0,     claude-3-5-sonnet",
    "aws.bedrock,     us.anthropic.claude-sonnet-4-20250514-v1:0,    claude-sonnet-4",
    "gcp.vertex_ai,   claude-3-5-sonnet-v2@20241022,                 claude-3-5-sonnet",
    "openrouter,      anthropic/claude-sonnet-4.5,                   claude-sonnet-4-5",
    "gcp.gemini,      models/gemini-1.5-pro,                         gemini-1.5-pro",
    "gcp.vertex_ai,   publishers/google/models/gemini-1.5-pro-002,   gemini-1.5-pro",
    "gcp.gemini,      gemini-2.0-flash-001,                          gemini-2.0-flash",
    "gcp.gemini,      gemini-2.0-flash-lite,                         gemini-2.0-flash-lite",
    "gcp.gemini,      gemini-2.5-flash-preview-04-17,                gemini-2.5-flash-preview-04-17",
    "gcp.gemini,      gemini-2.5-flash-preview-05-20,                gemini-2.5-flash",
    "mistral_ai,      mistral-large-latest,                          mistral-large",
    "mistral_ai,      mistral-small-2503,                            mistral-small",
    "deepseek,        deepseek-chat,                                 deepseek-chat",
    "groq,            llama-3.3-70b-versatile,                       llama-3.3-70b",
    "groq,            meta-llama/llama-4-scout-17b-16e-instruct,     llama-4-scout-17b-16e",
    "aws.bedrock,     meta.llama3-1-70b-instruct-v1:0,               llama3-1-70b",
    "aws.bedrock,     us.meta.llama3-3-70b-instruct-v1:0,            llama3-3-70b",
  })
  void modelIdsResolveToTheirMostSpecificFamily(String provider, String model, String family) {
    assertThat(catalog.find(provider, model, NOV_2025))
        .map(ModelPrice::modelPattern)
        .contains(family);
  }

  @ParameterizedTest(name = "{0} / {1} is unpriced")
  @CsvSource({
    "openai,      gpt-4o-mini-tts",
    "openai,      gpt-4o-realtime-preview",
    "openai,      my-company-finetune",
    "anthropic,   claude-opus-4-7",
    "together_ai, meta-llama/Llama-3.3-70B-Instruct-Turbo",
    "groq,        llama-2-70b",
  })
  void unknownModelsAndOtherFamilyMembersAreNotPriced(String provider, String model) {
    // Never a wrong family's price: gpt-4o-mini-tts is not gpt-4o-mini, claude-opus-4-7 is not
    // claude-opus-4,
    // and a host's own Llama price does not apply at another host.
    assertThat(catalog.find(provider, model, NOV_2025)).isEmpty();
    assertThat(catalog.cost(provider, model, TokenUsage.of(1000, 1000), NOV_2025)).isEmpty();
  }

  @Test
  void nullOrBlankModelAndUnreportedUsageAreUnpriced() {
    assertThat(catalog.find("openai", null, NOV_2025)).isEmpty();
    assertThat(catalog.find("openai", " ", NOV_2025)).isEmpty();
    assertThat(catalog.cost("openai", "gpt-4o", TokenUsage.unreported(), NOV_2025)).isEmpty();
  }

  @Test
  void costWithCacheReadsIsExact() {
    // gpt-4o-mini: 0.15 in, 0.075 cached, 0.60 out per 1M. 800 uncached + 200 cached input, 500
    // output.
    BigDecimal cost =
        catalog
            .cost("openai", "gpt-4o-mini-2024-07-18", TokenUsage.of(1000, 500, 200, 0, 0), NOV_2025)
            .orElseThrow();

    // 800×0.15 + 200×0.075 + 500×0.60 = 120 + 15 + 300 = 435 per 1M tokens
    assertThat(cost).isEqualByComparingTo("0.000435");
  }

  @Test
  void costWithCacheReadsAndWritesIsExact() {
    // claude-sonnet-4: 3 in, 0.30 cache read, 3.75 cache write, 15 out. Input 10,000 includes 6,000
    // read + 2,000 write.
    BigDecimal cost =
        catalog
            .cost(
                "aws.bedrock",
                "us.anthropic.claude-sonnet-4-20250514-v1:0",
                TokenUsage.of(10_000, 1_000, 6_000, 2_000, 0),
                NOV_2025)
            .orElseThrow();

    // 2,000×3 + 6,000×0.30 + 2,000×3.75 + 1,000×15 = 6,000 + 1,800 + 7,500 + 15,000 = 30,300 per 1M
    assertThat(cost).isEqualByComparingTo("0.0303");
  }

  @Test
  void reasoningIsPartOfOutputAndNotCountedTwice() {
    // o3 after the June 2025 cut: 2 in, 8 out. 3,000 output tokens of which 2,000 reasoning.
    BigDecimal cost =
        catalog
            .cost("openai", "o3", TokenUsage.of(1_000, 3_000, 0, 0, 2_000), NOV_2025)
            .orElseThrow();

    assertThat(cost).isEqualByComparingTo("0.026"); // 1,000×2 + 3,000×8 = 26,000 per 1M
  }

  @Test
  void aSeparateReasoningPriceBillsOnlyTheReasoningPartAtThatPrice() {
    // gemini-2.5-flash-preview-04-17: 0.15 in, 0.60 non-thinking out, 3.50 thinking.
    BigDecimal cost =
        catalog
            .cost(
                "gcp.gemini",
                "gemini-2.5-flash-preview-04-17",
                TokenUsage.of(1_000, 1_500, 0, 0, 1_000),
                NOV_2025)
            .orElseThrow();

    assertThat(cost)
        .isEqualByComparingTo("0.00395"); // 1,000×0.15 + 500×0.60 + 1,000×3.50 = 3,950 per 1M
  }

  @Test
  void aMillionTokensCostExactlyTheListPrice() {
    assertThat(catalog.cost("openai", "gpt-4o", TokenUsage.of(1_000_000, 1_000_000), NOV_2025))
        .hasValueSatisfying(cost -> assertThat(cost).isEqualByComparingTo("12.50"));
  }

  @Test
  void effectiveDatesPickThePriceValidAtTheCallTime() {
    TokenUsage usage = TokenUsage.of(1_000_000, 1_000_000);

    assertThat(
            catalog.cost("openai", "o3-2025-04-16", usage, Instant.parse("2025-06-09T23:59:59Z")))
        .hasValueSatisfying(cost -> assertThat(cost).isEqualByComparingTo("50.00")); // 10 + 40
    assertThat(
            catalog.cost("openai", "o3-2025-04-16", usage, Instant.parse("2025-06-10T00:00:00Z")))
        .hasValueSatisfying(cost -> assertThat(cost).isEqualByComparingTo("10.00")); // 2 + 8
    assertThat(catalog.find("deepseek", "deepseek-chat", Instant.parse("2025-09-10T00:00:00Z")))
        .map(ModelPrice::inputPerMillion)
        .hasValueSatisfying(price -> assertThat(price).isEqualByComparingTo("0.56"));
    assertThat(catalog.find("deepseek", "deepseek-chat", Instant.parse("2025-10-01T00:00:00Z")))
        .map(ModelPrice::inputPerMillion)
        .hasValueSatisfying(price -> assertThat(price).isEqualByComparingTo("0.28"));
    assertThat(catalog.find("openai", "o3", Instant.parse("2025-01-01T00:00:00Z")))
        .as("no price before the model's first price")
        .isEmpty();
  }

  @Test
  void callsArePricedByResponseModelThenRequestModel() {
    LlmCall call =
        new LlmCall(
            "openai",
            "chat",
            "gpt-4o",
            "gpt-4o-mini-2024-07-18",
            TokenUsage.of(1_000_000, 0),
            null,
            List.of(),
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            Set.of());
    LlmCall unknownResponseModel =
        new LlmCall(
            "openai",
            "chat",
            "gpt-4o-mini",
            "ft:gpt-4o-mini:acme::abc",
            TokenUsage.of(1_000_000, 0),
            null,
            List.of(),
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            Set.of());
    LlmCall noUsage =
        new LlmCall(
            "openai",
            "chat",
            "gpt-4o",
            null,
            TokenUsage.unreported(),
            null,
            List.of(),
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            Set.of());

    assertThat(catalog.cost(call, NOV_2025))
        .hasValueSatisfying(c -> assertThat(c).isEqualByComparingTo("0.15"));
    assertThat(catalog.cost(unknownResponseModel, NOV_2025))
        .hasValueSatisfying(c -> assertThat(c).isEqualByComparingTo("0.15"));
    assertThat(catalog.cost(noUsage, NOV_2025)).isEmpty();
  }

  @Test
  void customCatalogsRejectBadEntriesNamingTheField() {
    String json =
        """
        {"prices": [
          {"provider": "openai", "model": "gpt-x", "input": 1, "output": 2, "effectiveFrom": "2025-01-01"},
          {"provider": "openai", "model": "gpt-y", "input": -1, "output": 2, "effectiveFrom": "2025-01-01"}
        ]}
        """;

    assertThatThrownBy(
            () ->
                PriceCatalog.fromJson(
                    new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("prices[1].input");
    assertThatThrownBy(
            () ->
                PriceCatalog.fromJson(
                    new ByteArrayInputStream(
                        "{\"prices\":[{\"provider\":\"a\",\"model\":\"b\",\"input\":1,\"output\":1,\"effectiveFrom\":\"May\"}]}"
                            .getBytes(StandardCharsets.UTF_8))))
        .hasMessageContaining("prices[0].effectiveFrom");
  }

  @Test
  void duplicatePricesForTheSameProviderFamilyAndDayAreRejected() {
    ModelPrice first = price("1.00", LocalDate.of(2025, 1, 1));
    ModelPrice second = price("2.00", LocalDate.of(2025, 1, 1));
    ModelPrice later = price("3.00", LocalDate.of(2025, 6, 1));

    assertThatThrownBy(() -> PriceCatalog.of(List.of(first, second)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("acme")
        .hasMessageContaining("acme-1")
        .hasMessageContaining("2025-01-01");
    assertThat(PriceCatalog.of(List.of(first, later)).find("acme", "acme-1", NOV_2025))
        .map(ModelPrice::inputPerMillion)
        .hasValueSatisfying(price -> assertThat(price).isEqualByComparingTo("3.00"));
  }

  @Test
  void builtInTableHasEveryRequiredVendor() {
    assertThat(catalog.prices())
        .extracting(ModelPrice::provider)
        .contains(
            "openai", "anthropic", "gcp.gemini", "mistral_ai", "deepseek", "groq", "aws.bedrock");
    assertThat(catalog.prices()).allSatisfy(p -> assertThat(p.source()).isNotBlank());
  }

  private static ModelPrice price(String input, LocalDate from) {
    return new ModelPrice(
        "acme", "acme-1", true, new BigDecimal(input), BigDecimal.ONE, null, null, null, from, "t");
  }
}
