package dev.boxscore.otel.ext.springai.it;

import java.util.Map;
import org.springframework.ai.anthropic.AnthropicChatModel;
import org.springframework.ai.anthropic.AnthropicChatOptions;
import org.springframework.ai.anthropic.api.AnthropicApi;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.ai.openai.api.OpenAiApi;
import org.springframework.retry.support.RetryTemplate;

/**
 * Spring AI 1.1: models over Spring's RestClient / WebClient ({@code OpenAiApi}, {@code
 * AnthropicApi}).
 */
final class SpringAi11Line implements SpringAiLine {
  private static RetryTemplate noRetries() {
    return RetryTemplate.builder().maxAttempts(1).build();
  }

  @Override
  public ChatModel openAi(String simulatorBaseUrl, String model, Map<String, String> headers) {
    return OpenAiChatModel.builder()
        .openAiApi(OpenAiApi.builder().baseUrl(simulatorBaseUrl).apiKey("test-key").build())
        .defaultOptions(
            OpenAiChatOptions.builder()
                .model(model)
                .temperature(0.2)
                .maxTokens(200)
                .streamUsage(true)
                .httpHeaders(headers)
                .build())
        .retryTemplate(noRetries())
        .build();
  }

  @Override
  public ChatModel anthropic(String simulatorBaseUrl, Map<String, String> headers) {
    return AnthropicChatModel.builder()
        .anthropicApi(AnthropicApi.builder().baseUrl(simulatorBaseUrl).apiKey("test-key").build())
        .defaultOptions(
            AnthropicChatOptions.builder()
                .model("claude-sonnet-4-5")
                .maxTokens(300)
                .httpHeaders(headers)
                .build())
        .retryTemplate(noRetries())
        .build();
  }

  @Override
  public Map<String, Object> bootProperties(String simulatorBaseUrl) {
    return Map.of(
        "spring.main.web-application-type", "none",
        "spring.ai.model.chat", "openai",
        "spring.ai.openai.base-url", simulatorBaseUrl,
        "spring.ai.openai.api-key", "test-key",
        "spring.ai.openai.chat.options.model", "gpt-4o-mini",
        "spring.ai.openai.chat.options.temperature", "0.3",
        "spring.ai.openai.chat.options.stream-usage", "true",
        "spring.ai.anthropic.api-key", "test-key",
        "spring.ai.retry.max-attempts", "1");
  }
}
