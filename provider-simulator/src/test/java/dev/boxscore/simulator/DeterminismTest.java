package dev.boxscore.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeterminismTest {
  private static final String CHAT =
      "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},{\"role\":\"user\",\"content\":\"%s\"}]}";

  private static JsonNode chat(ProviderSimulator sim, String prompt, String... scenario) {
    List<String> headers = new ArrayList<>(List.of("Authorization", "Bearer k"));
    if (scenario.length > 0) {
      headers.addAll(List.of("x-sim-scenario", scenario[0]));
    }
    return RawHttp.json(
        RawHttp.post(
            sim, "/v1/chat/completions", CHAT.formatted(prompt), headers.toArray(String[]::new)));
  }

  @Test
  void sameRequestGetsSameContentAndUsageAcrossSimulators() {
    JsonNode first;
    JsonNode again;
    JsonNode other;
    try (ProviderSimulator sim = ProviderSimulator.builder().start()) {
      first = chat(sim, "Where is my refund?");
      again = chat(sim, "Where is my refund?");
      other = chat(sim, "Cancel my plan");
    }
    JsonNode fresh;
    try (ProviderSimulator sim = ProviderSimulator.builder().start()) {
      fresh = chat(sim, "Where is my refund?");
    }

    String content = first.at("/choices/0/message/content").asText();
    assertThat(again.at("/choices/0/message/content").asText()).isEqualTo(content);
    assertThat(fresh.at("/choices/0/message/content").asText()).isEqualTo(content);
    assertThat(again.get("usage")).isEqualTo(first.get("usage"));
    assertThat(other.at("/choices/0/message/content").asText()).isNotEqualTo(content);
    // 3 priming + (3 + 3 "Be brief .") + (3 + 5 "Where is my refund ?")
    assertThat(first.at("/usage/prompt_tokens").asInt()).isEqualTo(17);
  }

  @Test
  void outputLengthFollowsTheBuilderAndTheScenarioHeader() {
    try (ProviderSimulator sim = ProviderSimulator.builder().outputTokens(7).start()) {
      assertThat(chat(sim, "Hi").at("/usage/completion_tokens").asInt()).isEqualTo(7);
      assertThat(
              chat(sim, "Hi", "output-tokens=3")
                  .at("/choices/0/message/content")
                  .asText()
                  .split(" "))
          .hasSize(3);
    }
  }

  @Test
  void seededErrorsRepeatWithTheSameSeedAndFollowTheRate() {
    List<Integer> firstRun = statuses(7);
    List<Integer> secondRun = statuses(7);

    assertThat(secondRun).isEqualTo(firstRun);
    assertThat(firstRun).contains(200).containsAnyOf(429, 500);
    assertThat(firstRun).isNotEqualTo(statuses(8));
  }

  private static List<Integer> statuses(long seed) {
    List<Integer> statuses = new ArrayList<>();
    try (ProviderSimulator sim =
        ProviderSimulator.builder().errorRate(0.5).errorSeed(seed).start()) {
      for (int i = 0; i < 30; i++) {
        statuses.add(
            RawHttp.post(
                    sim, "/v1/chat/completions", CHAT.formatted("Hi"), "Authorization", "Bearer k")
                .statusCode());
      }
    }
    return statuses;
  }
}
