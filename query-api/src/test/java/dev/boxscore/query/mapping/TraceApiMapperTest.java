package dev.boxscore.query.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boxscore.model.pricing.ModelPrice;
import dev.boxscore.model.pricing.PriceCatalog;
import dev.boxscore.query.api.LlmResponse;
import dev.boxscore.query.api.PriceResponse;
import dev.boxscore.query.api.SpanResponse;
import dev.boxscore.storage.SpanRow;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TraceApiMapperTest {
  private static SpanRow row(boolean llm, String parent, String events, String input) {
    return new SpanRow(
        "p",
        "0af7651916cd43dd8448eb211c80319c",
        "b7ad6b7169203331",
        parent,
        "chat gpt-4o",
        "CLIENT",
        "svc",
        "scope",
        "1",
        Instant.parse("2026-12-01T10:00:00Z"),
        1_500_000L,
        "UNSET",
        "",
        Map.of("k", "v"),
        Map.of(),
        events,
        llm,
        llm ? "openai" : "",
        llm ? "chat" : "",
        llm ? "gpt-4o" : "",
        "",
        llm,
        10,
        5,
        0,
        0,
        0,
        new BigDecimal("99"),
        null,
        List.of("stop"),
        "",
        null,
        "",
        "",
        "",
        input,
        "",
        Instant.now());
  }

  @Test
  void aSpanAnswersItsTimesInMillisecondsNoEmptyParentAndEventsAsJson() {
    SpanResponse span = TraceApiMapper.span(row(false, "", "[{\"name\":\"e\"}]", ""), null, null);
    assertThat(span.parentSpanId()).isNull();
    assertThat(span.durationMs()).isEqualTo(1.5);
    assertThat(span.events().get(0).path("name").asText()).isEqualTo("e");
    assertThat(span.llm()).as("no LLM view for other spans").isNull();
    assertThat(TraceApiMapper.span(row(false, "", "", ""), null, null).events().isArray()).isTrue();
  }

  @Test
  void anLlmSpanShowsTheCostItIsGivenNeverTheStoredOneAndBlanksAsNull() {
    ModelPrice price =
        new ModelPrice(
            "openai",
            "gpt-4o",
            true,
            BigDecimal.ONE,
            BigDecimal.TEN,
            null,
            null,
            null,
            LocalDate.of(2024, 5, 13),
            "test");
    PriceResponse shown = PriceApiMapper.price(PriceCatalog.of(List.of(price)), price);
    LlmResponse llm =
        TraceApiMapper.span(row(true, "a", "", "not json"), new BigDecimal("0.00006"), shown).llm();
    assertThat(llm.costUsd()).isEqualByComparingTo("0.00006");
    assertThat(llm.price().origin()).isEqualTo("built-in");
    assertThat(llm.responseModel()).isNull();
    assertThat(llm.responseId()).isNull();
    assertThat(llm.input().asText())
        .as("stored text that is not JSON comes back as text")
        .isEqualTo("not json");
    assertThat(llm.output()).isNull();
  }

  @Test
  void aProjectsOwnPriceIsShownAsTheProjects() {
    ModelPrice list =
        new ModelPrice(
            "openai",
            "gpt-4o",
            true,
            BigDecimal.ONE,
            BigDecimal.TEN,
            null,
            null,
            null,
            LocalDate.of(2024, 5, 13),
            "list");
    ModelPrice own =
        new ModelPrice(
            "openai",
            "gpt-4o",
            false,
            BigDecimal.ONE,
            BigDecimal.ONE,
            null,
            null,
            null,
            LocalDate.of(2026, 1, 1),
            "negotiated");
    PriceCatalog catalog = PriceCatalog.of(List.of(list)).overriddenBy(List.of(own));
    assertThat(PriceApiMapper.price(catalog, own).origin()).isEqualTo("project");
    assertThat(PriceApiMapper.price(catalog, list).origin()).isEqualTo("built-in");
  }
}
