package dev.boxscore.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.AnthropicServiceException;
import com.anthropic.errors.RateLimitException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.CacheControlEphemeral;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.TextBlockParam;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolUseBlock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real anthropic-java SDK, with response validation on, against the simulator's Messages API.
 */
class AnthropicSdkTest {
  static ProviderSimulator sim;
  static AnthropicClient client;

  @BeforeAll
  static void start() {
    sim = ProviderSimulator.builder().retryAfter(Duration.ofMillis(10)).start();
    client =
        AnthropicOkHttpClient.builder()
            .baseUrl(sim.baseUrl())
            .apiKey("test-key")
            .maxRetries(0)
            .responseValidation(true)
            .build();
  }

  @AfterAll
  static void stop() {
    client.close();
    sim.close();
  }

  private static MessageCreateParams.Builder ask(String model, String prompt) {
    return MessageCreateParams.builder().model(model).maxTokens(256).addUserMessage(prompt);
  }

  @Test
  void messageCarriesSnapshotModelStopReasonAndUsage() {
    Message message =
        client.messages().create(ask("claude-sonnet-4-5", "Where is my order?").build());

    assertThat(message.id()).startsWith("msg_");
    assertThat(message.model().asString()).isEqualTo("claude-sonnet-4-5-20250929");
    assertThat(message.stopReason()).contains(StopReason.END_TURN);
    assertThat(message.content().get(0).asText().text().split(" ")).hasSize(24);
    assertThat(message.usage().inputTokens()).isEqualTo(11);
    assertThat(message.usage().outputTokens()).isEqualTo(24);
    assertThat(message.usage().cacheReadInputTokens()).contains(0L);
    assertThat(message.usage().cacheCreationInputTokens()).contains(0L);
  }

  @Test
  void maxTokensCutsTheReply() {
    Message message = client.messages().create(ask("claude-haiku-4-5", "Hi").maxTokens(4).build());

    assertThat(message.stopReason()).contains(StopReason.MAX_TOKENS);
    assertThat(message.usage().outputTokens()).isEqualTo(4);
  }

  @Test
  void cacheControlledSystemPromptIsReadFromCacheOrWrittenOnRequest() {
    TextBlockParam system =
        TextBlockParam.builder()
            .text("You are a patient support agent. ".repeat(50))
            .cacheControl(CacheControlEphemeral.builder().build())
            .build();
    MessageCreateParams params =
        ask("claude-sonnet-4-5", "Hi").systemOfTextBlockParams(List.of(system)).build();

    Message read = client.messages().create(params);
    Message written =
        client
            .messages()
            .create(
                params.toBuilder().putAdditionalHeader("x-sim-scenario", "cache=write").build());

    // system: 3 + 7 tokens ("You are a patient support agent .") * 50 = 353 cached; the rest (3
    // priming + 3 + 1 for "Hi") stays input.
    assertThat(read.usage().cacheReadInputTokens()).contains(353L);
    assertThat(read.usage().inputTokens()).isEqualTo(7);
    assertThat(written.usage().cacheCreationInputTokens()).contains(353L);
    assertThat(written.usage().cacheReadInputTokens()).contains(0L);
  }

  @Test
  void streamingSendsTheEventSequenceAndAccumulatesToTheSameMessage() {
    MessageAccumulator accumulator = MessageAccumulator.create();
    List<RawMessageStreamEvent> events = new ArrayList<>();
    try (StreamResponse<RawMessageStreamEvent> stream =
        client.messages().createStreaming(ask("claude-haiku-4-5", "Where is my order?").build())) {
      stream.stream()
          .forEach(
              event -> {
                events.add(event);
                accumulator.accumulate(event);
              });
    }

    assertThat(events.get(0).isMessageStart()).isTrue();
    assertThat(events.get(1).isContentBlockStart()).isTrue();
    assertThat(events.stream().filter(RawMessageStreamEvent::isContentBlockDelta).count())
        .isEqualTo(24);
    assertThat(events.get(events.size() - 2).isMessageDelta()).isTrue();
    assertThat(events.get(events.size() - 2).asMessageDelta().usage().outputTokens()).isEqualTo(24);
    assertThat(events.get(events.size() - 1).isMessageStop()).isTrue();
    Message streamed = accumulator.message();
    Message plain = client.messages().create(ask("claude-haiku-4-5", "Where is my order?").build());
    assertThat(streamed.content().get(0).asText().text())
        .isEqualTo(plain.content().get(0).asText().text());
    assertThat(streamed.usage().outputTokens()).isEqualTo(24);
    assertThat(streamed.usage().inputTokens()).isEqualTo(11);
    assertThat(streamed.stopReason()).contains(StopReason.END_TURN);
  }

  private static Tool weatherTool() {
    return Tool.builder()
        .name("get_weather")
        .description("Current weather for a city")
        .inputSchema(
            Tool.InputSchema.builder()
                .properties(JsonValue.from(Map.of("city", Map.of("type", "string"))))
                .required(List.of("city"))
                .build())
        .build();
  }

  @Test
  void promptNamingAToolGetsToolUse() {
    Message message =
        client
            .messages()
            .create(
                ask("claude-sonnet-4-5", "Please use get_weather for Berlin")
                    .addTool(weatherTool())
                    .build());

    assertThat(message.stopReason()).contains(StopReason.TOOL_USE);
    ToolUseBlock toolUse = message.content().get(0).asToolUse();
    assertThat(toolUse.name()).isEqualTo("get_weather");
    assertThat(toolUse._input().convert(Map.class)).isEqualTo(Map.of("city", "Berlin"));
  }

  @Test
  void streamedToolUseAccumulatesItsInput() {
    MessageAccumulator accumulator = MessageAccumulator.create();
    try (StreamResponse<RawMessageStreamEvent> stream =
        client
            .messages()
            .createStreaming(
                ask("claude-sonnet-4-5", "Please use get_weather for Berlin")
                    .addTool(weatherTool())
                    .build())) {
      stream.stream().forEach(accumulator::accumulate);
    }

    ToolUseBlock toolUse = accumulator.message().content().get(0).asToolUse();
    assertThat(toolUse._input().convert(Map.class)).isEqualTo(Map.of("city", "Berlin"));
  }

  @Test
  void injectedErrorsSurfaceAsSdkExceptionsWithAnthropicBodies() {
    assertThatThrownBy(
            () ->
                client
                    .messages()
                    .create(
                        ask("claude-sonnet-4-5", "Hi")
                            .putAdditionalHeader("x-sim-scenario", "error=429")
                            .build()))
        .isInstanceOf(RateLimitException.class);
    assertThatThrownBy(
            () ->
                client
                    .messages()
                    .create(
                        ask("claude-sonnet-4-5", "Hi")
                            .putAdditionalHeader("x-sim-scenario", "error=overloaded")
                            .build()))
        .isInstanceOfSatisfying(
            AnthropicServiceException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(529);
              assertThat(e.getMessage()).contains("overloaded_error");
            });
  }
}
