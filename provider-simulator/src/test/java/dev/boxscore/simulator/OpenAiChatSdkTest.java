package dev.boxscore.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.InternalServerException;
import com.openai.errors.RateLimitException;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import com.openai.models.models.Model;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real openai-java SDK, with response validation on, against the simulator's chat, embeddings
 * and models.
 */
class OpenAiChatSdkTest {
  static ProviderSimulator sim;
  static OpenAIClient client;

  @BeforeAll
  static void start() {
    sim = ProviderSimulator.builder().retryAfter(java.time.Duration.ofMillis(10)).start();
    client =
        OpenAIOkHttpClient.builder()
            .baseUrl(sim.openAiBaseUrl())
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

  private static ChatCompletionCreateParams.Builder ask(String model, String prompt) {
    return ChatCompletionCreateParams.builder().model(model).addUserMessage(prompt);
  }

  @Test
  void chatCompletionCarriesModelSnapshotUsageAndFingerprint() {
    ChatCompletion completion =
        client.chat().completions().create(ask("gpt-4o-mini", "Where is my order?").build());

    assertThat(completion.id()).startsWith("chatcmpl-");
    assertThat(completion.model()).isEqualTo("gpt-4o-mini-2024-07-18");
    assertThat(completion.systemFingerprint())
        .hasValueSatisfying(fp -> assertThat(fp).startsWith("fp_"));
    ChatCompletion.Choice choice = completion.choices().get(0);
    assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
    assertThat(choice.message().content())
        .hasValueSatisfying(text -> assertThat(text.split(" ")).hasSize(24));
    var usage = completion.usage().orElseThrow();
    // 3 (reply priming) + 3 (message) + 5 tokens: Where is my order ?
    assertThat(usage.promptTokens()).isEqualTo(11);
    assertThat(usage.completionTokens()).isEqualTo(24);
    assertThat(usage.totalTokens()).isEqualTo(35);
    assertThat(usage.promptTokensDetails().orElseThrow().cachedTokens()).contains(0L);
    assertThat(usage.completionTokensDetails().orElseThrow().reasoningTokens()).contains(0L);
  }

  @Test
  void maxTokensCutsTheReplyWithFinishReasonLength() {
    ChatCompletion completion =
        client
            .chat()
            .completions()
            .create(ask("gpt-4o", "Tell me everything").maxCompletionTokens(3).build());

    assertThat(completion.choices().get(0).finishReason())
        .isEqualTo(ChatCompletion.Choice.FinishReason.LENGTH);
    assertThat(completion.choices().get(0).message().content().orElseThrow().split(" ")).hasSize(3);
    assertThat(completion.usage().orElseThrow().completionTokens()).isEqualTo(3);
  }

  @Test
  void reasoningModelsReportReasoningTokens() {
    ChatCompletion completion =
        client.chat().completions().create(ask("o3-mini", "Think hard").build());

    var usage = completion.usage().orElseThrow();
    assertThat(usage.completionTokensDetails().orElseThrow().reasoningTokens()).contains(48L);
    assertThat(usage.completionTokens()).isEqualTo(24 + 48);
  }

  @Test
  void longPromptsReportCachedTokensInStepsOf128() {
    String longPrompt = "refund ".repeat(1100);
    ChatCompletion completion =
        client.chat().completions().create(ask("gpt-4o-mini", longPrompt).build());

    var usage = completion.usage().orElseThrow();
    assertThat(usage.promptTokens()).isEqualTo(1106);
    assertThat(usage.promptTokensDetails().orElseThrow().cachedTokens()).contains(1024L);
  }

  @Test
  void streamingDeliversChunksAndAFinalUsageChunk() {
    ChatCompletionCreateParams params =
        ask("gpt-4o-mini", "Where is my order?")
            .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
            .build();
    ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
    List<ChatCompletionChunk> chunks = new ArrayList<>();
    try (StreamResponse<ChatCompletionChunk> stream =
        client.chat().completions().createStreaming(params)) {
      stream.stream()
          .forEach(
              chunk -> {
                chunks.add(chunk);
                accumulator.accumulate(chunk);
              });
    }

    ChatCompletion streamed = accumulator.chatCompletion();
    ChatCompletion plain =
        client.chat().completions().create(ask("gpt-4o-mini", "Where is my order?").build());
    assertThat(streamed.choices().get(0).message().content())
        .isEqualTo(plain.choices().get(0).message().content());
    // role chunk + 24 content chunks + finish chunk + usage chunk
    assertThat(chunks).hasSize(27);
    ChatCompletionChunk last = chunks.get(chunks.size() - 1);
    assertThat(last.choices()).isEmpty();
    assertThat(last.usage().orElseThrow().promptTokens()).isEqualTo(11);
    assertThat(last.usage().orElseThrow().completionTokens()).isEqualTo(24);
    assertThat(chunks.get(25).choices().get(0).finishReason())
        .contains(ChatCompletionChunk.Choice.FinishReason.STOP);
  }

  @Test
  void streamingWithoutIncludeUsageSendsNoUsage() {
    try (StreamResponse<ChatCompletionChunk> stream =
        client.chat().completions().createStreaming(ask("gpt-4o", "Hi").build())) {
      assertThat(stream.stream().filter(c -> c.usage().isPresent()).count()).isZero();
    }
  }

  private static FunctionDefinition weatherTool() {
    return FunctionDefinition.builder()
        .name("get_weather")
        .description("Current weather for a city")
        .parameters(
            FunctionParameters.builder()
                .putAdditionalProperty("type", JsonValue.from("object"))
                .putAdditionalProperty(
                    "properties", JsonValue.from(Map.of("city", Map.of("type", "string"))))
                .putAdditionalProperty("required", JsonValue.from(List.of("city")))
                .build())
        .build();
  }

  @Test
  void promptNamingAToolGetsAToolCall() {
    ChatCompletion completion =
        client
            .chat()
            .completions()
            .create(
                ask("gpt-4o-mini", "Please call get_weather for Paris")
                    .addFunctionTool(weatherTool())
                    .build());

    ChatCompletion.Choice choice = completion.choices().get(0);
    assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
    ChatCompletionMessageFunctionToolCall call =
        choice.message().toolCalls().orElseThrow().get(0).asFunction();
    assertThat(call.function().name()).isEqualTo("get_weather");
    assertThat(call.function().arguments()).isEqualTo("{\"city\":\"Paris\"}");
    assertThat(call.id()).startsWith("call_");
  }

  @Test
  void promptNotAskingForAToolGetsText() {
    ChatCompletion completion =
        client
            .chat()
            .completions()
            .create(ask("gpt-4o-mini", "Say hello").addFunctionTool(weatherTool()).build());

    assertThat(completion.choices().get(0).message().toolCalls().orElse(List.of())).isEmpty();
    assertThat(completion.choices().get(0).message().content()).isPresent();
  }

  @Test
  void streamedToolCallAccumulatesToTheSameCall() {
    ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
    try (StreamResponse<ChatCompletionChunk> stream =
        client
            .chat()
            .completions()
            .createStreaming(
                ask("gpt-4o-mini", "Please call get_weather for Paris")
                    .addFunctionTool(weatherTool())
                    .build())) {
      stream.stream().forEach(accumulator::accumulate);
    }

    ChatCompletion.Choice choice = accumulator.chatCompletion().choices().get(0);
    assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
    ChatCompletionMessageFunctionToolCall call =
        choice.message().toolCalls().orElseThrow().get(0).asFunction();
    assertThat(call.function().name()).isEqualTo("get_weather");
    assertThat(call.function().arguments()).isEqualTo("{\"city\":\"Paris\"}");
  }

  @Test
  void scenarioHeaderErrorsSurfaceAsTheSdksExceptionTypes() {
    assertThatThrownBy(
            () ->
                client
                    .chat()
                    .completions()
                    .create(
                        ask("gpt-4o", "Hi")
                            .putAdditionalHeader("x-sim-scenario", "error=429")
                            .build()))
        .isInstanceOfSatisfying(
            RateLimitException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(429);
              assertThat(e.headers().values("retry-after-ms")).containsExactly("10");
            });
    assertThatThrownBy(
            () ->
                client
                    .chat()
                    .completions()
                    .create(
                        ask("gpt-4o", "Hi")
                            .putAdditionalHeader("x-sim-scenario", "error=500")
                            .build()))
        .isInstanceOfSatisfying(
            InternalServerException.class, e -> assertThat(e.statusCode()).isEqualTo(500));
  }

  @Test
  void embeddingsInFloatAndBase64AgreeAndAreDeterministic() {
    EmbeddingCreateParams asFloats =
        EmbeddingCreateParams.builder()
            .model("text-embedding-3-small")
            .input("reset my password")
            .dimensions(8)
            .encodingFormat(EmbeddingCreateParams.EncodingFormat.FLOAT)
            .build();
    EmbeddingCreateParams asBase64 =
        asFloats.toBuilder().encodingFormat(EmbeddingCreateParams.EncodingFormat.BASE64).build();

    CreateEmbeddingResponse floats = client.embeddings().create(asFloats);
    CreateEmbeddingResponse base64 = client.embeddings().create(asBase64);

    assertThat(floats.data().get(0).embedding()).hasSize(8);
    assertThat(base64.data().get(0).embedding()).isEqualTo(floats.data().get(0).embedding());
    assertThat(floats.usage().promptTokens()).isEqualTo(3);
    assertThat(client.embeddings().create(asFloats).data().get(0).embedding())
        .isEqualTo(floats.data().get(0).embedding());
  }

  @Test
  void modelListNamesTheKnownModels() {
    List<String> ids = client.models().list().data().stream().map(Model::id).toList();

    assertThat(ids)
        .contains("gpt-4o", "gpt-4o-mini", "text-embedding-3-small")
        .doesNotContain("claude-sonnet-4-5");
  }
}
