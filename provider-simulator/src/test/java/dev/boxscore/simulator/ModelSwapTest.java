package dev.boxscore.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelSwapTest {
  private static final String CHAT =
      "{\"model\":\"%s\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";

  private static JsonNode chat(ProviderSimulator sim, String model) {
    return RawHttp.json(
        RawHttp.post(
            sim, "/v1/chat/completions", CHAT.formatted(model), "Authorization", "Bearer k"));
  }

  @Test
  void responseModelAndFingerprintChangeExactlyAfterTheConfiguredCalls() {
    try (ProviderSimulator sim =
        ProviderSimulator.builder()
            .modelSwap(ModelSwap.afterCalls("gpt-4o-mini", "gpt-4o-mini-2025-04-14", 3))
            .start()) {
      List<String> models = new ArrayList<>();
      List<String> fingerprints = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        JsonNode response = chat(sim, "gpt-4o-mini");
        models.add(response.get("model").asText());
        fingerprints.add(response.get("system_fingerprint").asText());
      }

      assertThat(models)
          .containsExactly(
              "gpt-4o-mini-2024-07-18",
              "gpt-4o-mini-2024-07-18",
              "gpt-4o-mini-2024-07-18",
              "gpt-4o-mini-2025-04-14",
              "gpt-4o-mini-2025-04-14");
      assertThat(fingerprints.get(2)).isNotEqualTo(fingerprints.get(3));
      assertThat(fingerprints.get(3)).isEqualTo(fingerprints.get(4));
      // Other models are not affected and do not advance the swapped model's counter.
      assertThat(chat(sim, "gpt-4o").get("model").asText()).isEqualTo("gpt-4o-2024-08-06");
    }
  }

  @Test
  void swapsChainAndCountCallsAcrossEndpoints() {
    try (ProviderSimulator sim =
        ProviderSimulator.builder()
            .modelSwap(ModelSwap.afterCalls("gpt-4o-mini", "gpt-4o-mini-2025-04-14", 1))
            .modelSwap(ModelSwap.afterCalls("gpt-4o-mini", "gpt-4o-mini-2025-09-01", 2))
            .start()) {
      String first = chat(sim, "gpt-4o-mini").get("model").asText();
      String second =
          RawHttp.json(
                  RawHttp.post(
                      sim,
                      "/v1/responses",
                      "{\"model\":\"gpt-4o-mini\",\"input\":\"Hi\"}",
                      "Authorization",
                      "Bearer k"))
              .get("model")
              .asText();
      String third = chat(sim, "gpt-4o-mini").get("model").asText();

      assertThat(List.of(first, second, third))
          .containsExactly(
              "gpt-4o-mini-2024-07-18", "gpt-4o-mini-2025-04-14", "gpt-4o-mini-2025-09-01");
    }
  }

  @Test
  void timeBasedSwapActivatesOnceTheDurationHasPassed() {
    MutableClock clock = new MutableClock();
    try (ProviderSimulator sim =
        ProviderSimulator.builder()
            .clock(clock)
            .modelSwap(
                ModelSwap.afterTime(
                    "claude-sonnet-4-5", "claude-sonnet-4-5-20260101", Duration.ofMinutes(10)))
            .start()) {
      String body =
          "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
      String before =
          RawHttp.json(RawHttp.post(sim, "/v1/messages", body, "x-api-key", "k"))
              .get("model")
              .asText();
      clock.advance(Duration.ofMinutes(10));
      String after =
          RawHttp.json(RawHttp.post(sim, "/v1/messages", body, "x-api-key", "k"))
              .get("model")
              .asText();

      assertThat(before).isEqualTo("claude-sonnet-4-5-20250929");
      assertThat(after).isEqualTo("claude-sonnet-4-5-20260101");
    }
  }

  @Test
  void cliSpecParsesCallsAndDurationsAndRejectsMalformedOnes() {
    assertThat(ModelSwap.parse("gpt-4o-mini=gpt-4o-mini-2025-04-14@5"))
        .isEqualTo(ModelSwap.afterCalls("gpt-4o-mini", "gpt-4o-mini-2025-04-14", 5));
    assertThat(ModelSwap.parse("gpt-4o=gpt-4o-2025-01-01@30s"))
        .isEqualTo(ModelSwap.afterTime("gpt-4o", "gpt-4o-2025-01-01", Duration.ofSeconds(30)));
    assertThatThrownBy(() -> ModelSwap.parse("gpt-4o@5"))
        .hasMessageContaining("REQUEST_MODEL=SWAPPED_MODEL");
    assertThatThrownBy(() -> ModelSwap.parse("a=b@soon")).hasMessageContaining("not a duration");
  }

  private static final class MutableClock extends Clock {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
