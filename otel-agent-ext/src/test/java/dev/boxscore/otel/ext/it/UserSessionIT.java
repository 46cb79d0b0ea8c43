package dev.boxscore.otel.ext.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.models.messages.MessageCreateParams;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.boxscore.otel.ext.it.OtlpReceiver.ReceivedSpan;
import dev.boxscore.simulator.ProviderSimulator;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.openai.OpenAiChatModel;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.context.Scope;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * User and session through the real agent, with no code change but baggage or the MDC (its own
 * failsafe execution: {@code -Dboxscore.user.mdc-key=tenant -Dboxscore.session.mdc-key=conversation
 * -Dboxscore.user.id=batch-job}): the extension's own LLM spans, the stock agent's openai-java chat
 * span, the Anthropic SDK's own span and a raw HTTP call all carry {@code user.id} and {@code
 * session.id}.
 */
class UserSessionIT {
  static ProviderSimulator sim;

  @BeforeAll
  static void start() {
    OtlpReceiver.get();
    sim = ProviderSimulator.builder().start();
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  @AfterEach
  void clearMdc() {
    MDC.clear();
  }

  @Test
  void baggageEntriesLandOnTheLangChain4jSpanAndWinOverTheMdc() throws Exception {
    OpenAiChatModel model =
        OpenAiChatModel.builder()
            .baseUrl(sim.openAiBaseUrl())
            .apiKey("test-key")
            .modelName("gpt-4o-mini")
            .maxRetries(0)
            .build();
    MDC.put("tenant", "acme-7");
    String traceId;
    try (Scope ignored =
        Baggage.current().toBuilder()
            .put("user.id", "4711")
            .put("session.id", "conv-1")
            .build()
            .makeCurrent()) {
      traceId =
          Traces.inRootSpan(
              () ->
                  model.chat(
                      ChatRequest.builder()
                          .messages(UserMessage.from("Where is my order?"))
                          .build()));
    }

    ReceivedSpan span = onlyLlmSpan(traceId);
    assertThat(span.scope()).isEqualTo("dev.boxscore.otel.langchain4j");
    assertThat(span.attributes()).contains(entry("user.id", "4711"), entry("session.id", "conv-1"));
  }

  @Test
  void mdcValuesLandOnTheStockAgentsOpenAiChatSpan() throws Exception {
    OpenAIClient client =
        OpenAIOkHttpClient.builder()
            .baseUrl(sim.openAiBaseUrl())
            .apiKey("test-key")
            .maxRetries(0)
            .build();
    try {
      MDC.put("tenant", "acme-7");
      MDC.put("conversation", "  c-42  ");
      String traceId =
          Traces.inRootSpan(
              () ->
                  client
                      .chat()
                      .completions()
                      .create(
                          ChatCompletionCreateParams.builder()
                              .model("gpt-4o-mini")
                              .addUserMessage("Where is my order?")
                              .build()));

      ReceivedSpan span = onlyLlmSpan(traceId);
      assertThat(span.scope()).startsWith("io.opentelemetry.openai-java");
      assertThat(span.attributes())
          .contains(entry("user.id", "acme-7"), entry("session.id", "c-42"));
    } finally {
      client.close();
    }
  }

  @Test
  void baggageLandsOnTheAnthropicSdksOwnSpan() throws Exception {
    AnthropicClient client =
        AnthropicOkHttpClient.builder()
            .baseUrl(sim.baseUrl())
            .apiKey("test-key")
            .maxRetries(0)
            .build();
    try {
      String traceId;
      try (Scope ignored =
          Baggage.current().toBuilder().put("session.id", "conv-9").build().makeCurrent()) {
        traceId =
            Traces.inRootSpan(
                () ->
                    client
                        .messages()
                        .create(
                            MessageCreateParams.builder()
                                .model("claude-sonnet-4-5")
                                .maxTokens(256)
                                .addUserMessage("Where is my order?")
                                .build()));
      }

      ReceivedSpan span = onlyLlmSpan(traceId);
      assertThat(span.scope()).isEqualTo("com.anthropic.sdk.java");
      assertThat(span.attributes())
          .contains(entry("user.id", "batch-job"), entry("session.id", "conv-9"));
    } finally {
      client.close();
    }
  }

  @Test
  void withNeitherTheRawHttpSpanGetsTheJvmsUserAndNoSession() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    String traceId =
        Traces.inRootSpan(
            () ->
                http.send(
                    HttpRequest.newBuilder(URI.create(sim.openAiBaseUrl() + "/chat/completions"))
                        .header("Authorization", "Bearer test-key")
                        .header("Content-Type", "application/json")
                        .POST(
                            HttpRequest.BodyPublishers.ofString(
                                """
                                {"model":"gpt-4o-mini",\
                                "messages":[{"role":"user","content":"Where is my order?"}]}"""))
                        .build(),
                    HttpResponse.BodyHandlers.ofString()));

    ReceivedSpan span = onlyLlmSpan(traceId);
    assertThat(span.scope()).isEqualTo("dev.boxscore.otel.http");
    assertThat(span.attributes()).containsEntry("user.id", "batch-job");
    assertThat(span.attributes()).doesNotContainKey("session.id");
  }

  /** Root, LLM span and HTTP client span; the one LLM span. */
  private static ReceivedSpan onlyLlmSpan(String traceId) {
    List<ReceivedSpan> llm = Traces.llmSpans(Traces.awaitTrace(traceId, 3));
    assertThat(llm).hasSize(1);
    return llm.get(0);
  }
}
