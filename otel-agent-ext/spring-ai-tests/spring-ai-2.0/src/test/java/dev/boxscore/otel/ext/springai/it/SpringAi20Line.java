package dev.boxscore.otel.ext.springai.it;

import java.util.Map;
import org.springframework.ai.anthropic.AnthropicChatModel;
import org.springframework.ai.anthropic.AnthropicChatOptions;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;

/**
 * Spring AI 2.0: models over the providers' own SDKs (openai-java, anthropic-java), configured by
 * their options.
 */
final class SpringAi20Line implements SpringAiLine {
  @Override
  public ChatModel openAi(String simulatorBaseUrl, String model, Map<String, String> headers) {
    return OpenAiChatModel.builder()
        .options(
            OpenAiChatOptions.builder()
                .baseUrl(simulatorBaseUrl + "/v1")
                .apiKey("test-key")
                .model(model)
                .temperature(0.2)
                .maxTokens(200)
                .streamUsage(true)
                .maxRetries(0)
                .customHeaders(headers)
                .build())
        .build();
  }

  @Override
  public ChatModel anthropic(String simulatorBaseUrl, Map<String, String> headers) {
    return AnthropicChatModel.builder()
        .options(
            AnthropicChatOptions.builder()
                .baseUrl(simulatorBaseUrl)
                .apiKey("test-key")
                .model("claude-sonnet-4-5")
                .maxTokens(300)
                .maxRetries(0)
                .customHeaders(headers)
                .build())
        .build();
  }

  @Override
  public Map<String, Object> bootProperties(String simulatorBaseUrl) {
    return Map.of(
        "spring.main.web-application-type", "none",
        "spring.ai.model.chat", "openai",
        "spring.ai.openai.base-url", simulatorBaseUrl + "/v1",
        "spring.ai.openai.api-key", "test-key",
        "spring.ai.openai.chat.options.model", "gpt-4o-mini",
        "spring.ai.openai.chat.options.temperature", "0.3",
        "spring.ai.openai.chat.options.max-retries", "0",
        "spring.ai.anthropic.api-key", "test-key");
  }
}
