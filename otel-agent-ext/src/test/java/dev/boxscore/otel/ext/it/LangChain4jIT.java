package dev.boxscore.otel.ext.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.boxscore.otel.ext.it.OtlpReceiver.ReceivedSpan;
import dev.boxscore.simulator.ProviderSimulator;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.langchain4j.model.openai.OpenAiTokenUsage;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.context.Scope;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.opentelemetry.proto.trace.v1.Status.StatusCode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real LangChain4j OpenAI chat models against the provider simulator, in a JVM running the
 * OpenTelemetry agent with the Boxscore extension (see the failsafe executions in pom.xml: two
 * agent versions, two LangChain4j minors).
 */
class LangChain4jIT {
  private static final String SCOPE = "dev.boxscore.otel.langchain4j";
  private static final String SYSTEM =
      "You are the support assistant of Acme. Order 12345 was placed on 2026-11-02.";
  static ProviderSimulator sim;

  @BeforeAll
  static void start() {
    OtlpReceiver.get();
    sim =
        ProviderSimulator.builder()
            .timeToFirstToken(Duration.ofMillis(40))
            .chunkDelay(Duration.ofMillis(1))
            .start();
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  private static OpenAiChatModel chatModel(Map<String, String> headers) {
    return OpenAiChatModel.builder()
        .baseUrl(sim.openAiBaseUrl())
        .apiKey("test-key")
        .modelName("gpt-4o-mini")
        .temperature(0.2)
        .maxTokens(200)
        .maxRetries(0)
        .customHeaders(headers)
        .build();
  }

  private static OpenAiStreamingChatModel streamingModel(Map<String, String> headers) {
    return OpenAiStreamingChatModel.builder()
        .baseUrl(sim.openAiBaseUrl())
        .apiKey("test-key")
        .modelName("gpt-4o-mini")
        .customHeaders(headers)
        .build();
  }

  private static ChatRequest request(String system, String user) {
    return ChatRequest.builder()
        .messages(SystemMessage.from(system), UserMessage.from(user))
        .build();
  }

  private static ToolSpecification weatherTool() {
    return ToolSpecification.builder()
        .name("get_weather")
        .description("Current weather for a city")
        .parameters(JsonObjectSchema.builder().addStringProperty("city").required("city").build())
        .build();
  }

  /**
   * The trace's one LLM span, after checking it is the only one and the HTTP client span hangs
   * below it.
   */
  private static ReceivedSpan onlyLlmSpan(String traceId) {
    // root + LLM span + the stock agent's HTTP client span
    List<ReceivedSpan> spans = Traces.awaitTrace(traceId, 3);
    List<ReceivedSpan> llm = Traces.llmSpans(spans);
    assertThat(llm).hasSize(1);
    ReceivedSpan span = llm.get(0);
    ReceivedSpan root =
        spans.stream().filter(s -> s.name().equals("test-root")).findFirst().orElseThrow();
    assertThat(span.parentSpanId()).isEqualTo(root.spanId());
    assertThat(spans)
        .filteredOn(s -> s.span().getKind() == SpanKind.SPAN_KIND_CLIENT && s != span)
        .singleElement()
        .satisfies(
            http -> {
              assertThat(http.parentSpanId()).isEqualTo(span.spanId());
              assertThat(http.attributes()).containsEntry("http.request.method", "POST");
            });
    assertThat(span.scope()).isEqualTo(SCOPE);
    assertThat(span.span().getKind()).isEqualTo(SpanKind.SPAN_KIND_CLIENT);
    return span;
  }

  @Test
  void syncChatIsOneClientSpanWithTheGenAiAttributes() throws Exception {
    AtomicReference<ChatResponse> response = new AtomicReference<>();
    String traceId =
        Traces.inRootSpan(
            () -> response.set(chatModel(Map.of()).chat(request(SYSTEM, "Where is my order?"))));

    ReceivedSpan span = onlyLlmSpan(traceId);
    ChatResponse r = response.get();
    assertThat(span.name()).isEqualTo("chat gpt-4o-mini");
    assertThat(span.span().getStatus().getCode()).isEqualTo(StatusCode.STATUS_CODE_UNSET);
    assertThat(span.attributes())
        .containsOnlyKeys(
            "gen_ai.operation.name",
            "gen_ai.provider.name",
            "gen_ai.request.model",
            "gen_ai.request.stream",
            "gen_ai.request.temperature",
            "gen_ai.request.max_tokens",
            "gen_ai.response.id",
            "gen_ai.response.model",
            "gen_ai.response.finish_reasons",
            "gen_ai.usage.input_tokens",
            "gen_ai.usage.output_tokens",
            "gen_ai.usage.cache_read.input_tokens",
            "gen_ai.usage.reasoning.output_tokens",
            "boxscore.prompt.fingerprint",
            "boxscore.prompt.version",
            // added by the agent itself
            "thread.id",
            "thread.name");
    OpenAiTokenUsage usage = (OpenAiTokenUsage) r.tokenUsage();
    assertThat(span.attributes())
        .contains(
            entry("gen_ai.operation.name", "chat"),
            entry("gen_ai.provider.name", "openai"),
            entry("gen_ai.request.model", "gpt-4o-mini"),
            entry("gen_ai.request.stream", false),
            entry("gen_ai.request.temperature", 0.2),
            entry("gen_ai.request.max_tokens", 200L),
            entry("gen_ai.response.id", r.id()),
            entry("gen_ai.response.model", "gpt-4o-mini-2024-07-18"),
            entry("gen_ai.response.finish_reasons", List.of("stop")),
            entry("gen_ai.usage.input_tokens", (long) r.tokenUsage().inputTokenCount()),
            entry("gen_ai.usage.output_tokens", 24L),
            entry(
                "gen_ai.usage.cache_read.input_tokens",
                (long) usage.inputTokensDetails().cachedTokens()),
            entry(
                "gen_ai.usage.reasoning.output_tokens",
                (long) usage.outputTokensDetails().reasoningTokens()),
            entry("boxscore.prompt.version", "v-config"));
    assertThat(r.id()).isNotBlank();
    assertThat((String) span.attributes().get("boxscore.prompt.fingerprint"))
        .matches("[0-9a-f]{16}");
  }

  @Test
  void streamingChatRecordsTimeToFirstChunkAndDeliversEveryCallback() throws Exception {
    List<String> partials = new CopyOnWriteArrayList<>();
    CompletableFuture<ChatResponse> done = new CompletableFuture<>();
    // 10 ms between chunks: the gap between the first chunk and the end (230 ms) dwarfs any
    // scheduling delay of a
    // loaded machine, so it tells a time to first chunk from the call's duration.
    String traceId =
        Traces.inRootSpan(
            () ->
                streamingModel(Map.of("x-sim-scenario", "chunk-delay=10ms"))
                    .chat(request(SYSTEM, "Where is my order?"), handler(partials, done)));
    ChatResponse r = done.get(10, TimeUnit.SECONDS);

    assertThat(partials).hasSize(24);
    assertThat(String.join("", partials)).isEqualTo(r.aiMessage().text());
    ReceivedSpan span = onlyLlmSpan(traceId);
    assertThat(span.attributes())
        .contains(
            entry("gen_ai.request.stream", true),
            entry("gen_ai.response.model", "gpt-4o-mini-2024-07-18"),
            entry("gen_ai.response.finish_reasons", List.of("stop")),
            entry("gen_ai.usage.output_tokens", 24L),
            entry("gen_ai.response.id", r.id()));
    double ttft = (Double) span.attributes().get("gen_ai.response.time_to_first_chunk");
    double duration = (span.span().getEndTimeUnixNano() - span.span().getStartTimeUnixNano()) / 1e9;
    // the simulator waits 40 ms before the first chunk, then 10 ms between the 24 chunks
    assertThat(ttft).isGreaterThanOrEqualTo(0.040).isLessThan(duration);
    assertThat(duration - ttft).isGreaterThanOrEqualTo(0.150);
  }

  @Test
  void providerErrorsEndTheSpanWithErrorTypeAndReachTheCaller() throws Exception {
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    String traceId =
        Traces.inRootSpan(
            () ->
                thrown.set(
                    org.assertj.core.api.Assertions.catchThrowable(
                        () ->
                            chatModel(Map.of("x-sim-scenario", "error=500"))
                                .chat(request(SYSTEM, "Where is my order?")))));

    assertThat(thrown.get()).isNotNull();
    ReceivedSpan span = onlyLlmSpan(traceId);
    assertThat(span.span().getStatus().getCode()).isEqualTo(StatusCode.STATUS_CODE_ERROR);
    assertThat(span.attributes())
        .containsEntry("error.type", "500")
        .doesNotContainKey("gen_ai.response.id");
    assertThat(span.span().getEventsList())
        .singleElement()
        .satisfies(
            event -> {
              assertThat(event.getName()).isEqualTo("exception");
              assertThat(OtlpReceiver.attributes(event.getAttributesList()))
                  .containsEntry("exception.type", thrown.get().getClass().getName());
            });
  }

  @Test
  void streamingErrorsEndTheSpanThroughOnError() throws Exception {
    CompletableFuture<ChatResponse> done = new CompletableFuture<>();
    String traceId =
        Traces.inRootSpan(
            () ->
                streamingModel(Map.of("x-sim-scenario", "error=429"))
                    .chat(
                        request(SYSTEM, "Where is my order?"),
                        handler(new CopyOnWriteArrayList<>(), done)));

    assertThatThrownBy(() -> done.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
    ReceivedSpan span = onlyLlmSpan(traceId);
    assertThat(span.span().getStatus().getCode()).isEqualTo(StatusCode.STATUS_CODE_ERROR);
    assertThat(span.attributes())
        .containsEntry("error.type", "429")
        .containsEntry("gen_ai.request.stream", true)
        .doesNotContainKey("gen_ai.response.time_to_first_chunk");
  }

  @Test
  void toolCallsShowAsFinishReasonWithTheToolNames() throws Exception {
    AtomicReference<ChatResponse> response = new AtomicReference<>();
    String traceId =
        Traces.inRootSpan(
            () ->
                response.set(
                    chatModel(Map.of())
                        .chat(
                            ChatRequest.builder()
                                .messages(UserMessage.from("Please call get_weather for Lisbon"))
                                .toolSpecifications(weatherTool())
                                .build())));

    assertThat(response.get().aiMessage().toolExecutionRequests())
        .singleElement()
        .satisfies(call -> assertThat(call.name()).isEqualTo("get_weather"));
    ReceivedSpan span = onlyLlmSpan(traceId);
    assertThat(span.attributes())
        .contains(
            entry("gen_ai.response.finish_reasons", List.of("tool_calls")),
            entry("gen_ai.tool.definitions.names", List.of("get_weather")))
        // no system prompt, so no fingerprint
        .doesNotContainKey("boxscore.prompt.fingerprint");
  }

  @Test
  void streamingToolCallsToo() throws Exception {
    CompletableFuture<ChatResponse> done = new CompletableFuture<>();
    String traceId =
        Traces.inRootSpan(
            () ->
                streamingModel(Map.of())
                    .chat(
                        ChatRequest.builder()
                            .messages(UserMessage.from("Please call get_weather for Lisbon"))
                            .toolSpecifications(weatherTool())
                            .build(),
                        handler(new CopyOnWriteArrayList<>(), done)));

    assertThat(done.get(10, TimeUnit.SECONDS).aiMessage().toolExecutionRequests()).hasSize(1);
    ReceivedSpan span = onlyLlmSpan(traceId);
    assertThat(span.attributes())
        .contains(
            entry("gen_ai.response.finish_reasons", List.of("tool_calls")),
            entry("gen_ai.request.stream", true),
            entry("gen_ai.tool.definitions.names", List.of("get_weather")));
    assertThat(span.attributes()).containsKey("gen_ai.response.time_to_first_chunk");
  }

  @Test
  void samePromptWithOtherInputKeepsItsFingerprintAndBaggageSetsTheVersion() throws Exception {
    String first =
        Traces.inRootSpan(() -> chatModel(Map.of()).chat(request(SYSTEM, "Where is my order?")));
    String otherInput =
        Traces.inRootSpan(
            () ->
                chatModel(Map.of())
                    .chat(
                        request(
                            SYSTEM.replace("12345", "99881").replace("2026-11-02", "2026-12-24"),
                            "Can I get a refund?")));
    String otherPrompt =
        Traces.inRootSpan(
            () -> {
              try (Scope ignored =
                  Baggage.current().toBuilder()
                      .put("boxscore.prompt.version", "v-baggage")
                      .build()
                      .makeCurrent()) {
                chatModel(Map.of())
                    .chat(request("You are a pirate. Answer in rhymes.", "Where is my order?"));
              }
            });

    Object fingerprint = onlyLlmSpan(first).attributes().get("boxscore.prompt.fingerprint");
    assertThat(onlyLlmSpan(otherInput).attributes())
        .containsEntry("boxscore.prompt.fingerprint", fingerprint)
        .containsEntry("boxscore.prompt.version", "v-config");
    assertThat(onlyLlmSpan(otherPrompt).attributes())
        .containsEntry("boxscore.prompt.version", "v-baggage")
        .doesNotContainEntry("boxscore.prompt.fingerprint", fingerprint)
        .doesNotContainKeys("gen_ai.input.messages", "gen_ai.output.messages");
  }

  @Test
  void theVersionUnderTestIsTheOneOnTheClassPath() {
    // guards the version matrix: the execution's LangChain4j version really is the one loaded
    String expected = System.getProperty("test.langchain4j.version");
    assertThat(expected).isNotBlank();
    assertThat(OpenAiChatModel.class.getProtectionDomain().getCodeSource().getLocation().getPath())
        .endsWith("langchain4j-open-ai-" + expected + ".jar");
  }

  static StreamingChatResponseHandler handler(
      List<String> partials, CompletableFuture<ChatResponse> done) {
    return new StreamingChatResponseHandler() {
      @Override
      public void onPartialResponse(String partialResponse) {
        partials.add(partialResponse);
      }

      @Override
      public void onCompleteResponse(ChatResponse completeResponse) {
        done.complete(completeResponse);
      }

      @Override
      public void onError(Throwable error) {
        done.completeExceptionally(error);
      }
    };
  }
}
