package dev.boxscore.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The judge model answers a JSON score fixed by the prompt, in both dialects. */
class JudgeModelTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theJudgeAnswersAScoreFixedByThePromptWithUsage() throws Exception {
    String prompt = "Rate the answer 'Your refund is on its way' to 'Where is my refund?'";
    try (ProviderSimulator sim = ProviderSimulator.builder().start()) {
      JsonNode openAi =
          RawHttp.json(
              RawHttp.post(
                  sim,
                  "/v1/chat/completions",
                  "{\"model\":\"sim-judge\",\"messages\":[{\"role\":\"user\",\"content\":\""
                      + prompt
                      + "\"}]}",
                  "Authorization",
                  "Bearer k"));
      JsonNode verdict = JSON.readTree(openAi.at("/choices/0/message/content").asText());
      double expected = JudgeReply.score(List.of(prompt));
      assertThat(verdict.get("score").asDouble()).isEqualTo(expected).isBetween(0.0, 1.0);
      assertThat(verdict.get("explanation").asText()).isEqualTo("simulated judgement");
      assertThat(openAi.at("/usage/completion_tokens").asInt()).isEqualTo(5);
      assertThat(openAi.at("/usage/prompt_tokens").asInt()).isPositive();
      assertThat(openAi.get("model").asText()).isEqualTo("sim-judge");

      JsonNode anthropic =
          RawHttp.json(
              RawHttp.post(
                  sim,
                  "/v1/messages",
                  "{\"model\":\"sim-judge\",\"max_tokens\":100,\"messages\":[{\"role\":\"user\",\"content\":\""
                      + prompt
                      + "\"}]}",
                  "x-api-key",
                  "k",
                  "anthropic-version",
                  "2023-06-01"));
      JsonNode again = JSON.readTree(anthropic.at("/content/0/text").asText());
      assertThat(again.get("score").asDouble()).isEqualTo(expected);
      assertThat(anthropic.at("/usage/output_tokens").asInt()).isEqualTo(5);
    }
    assertThat(JudgeReply.score(List.of("another prompt")))
        .isNotEqualTo(JudgeReply.score(List.of(prompt)));
  }
}
