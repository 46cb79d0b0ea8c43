package dev.boxscore.otel.ext.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.entry;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.AsyncStreamResponse;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseStreamEvent;
import dev.boxscore.otel.ext.it.OtlpReceiver.ReceivedSpan;
import dev.boxscore.simulator.ProviderSimulator;
import io.opentelemetry.proto.trace.v1.Status.StatusCode;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real openai-java SDK under the agent with the extension: the Responses API (not traced by the
 * stock agent) gets one LLM span from the extension, sync and streaming; chat completions keep the
 * stock agent's single span, to which the extension adds the time to first chunk on sync and async
 * streams.
 */
class OpenAiIT {
  private static final String SCOPE = "dev.boxscore.otel.openai";
  static ProviderSimulator sim;
  static OpenAIClient client;

  @BeforeAll
  static void start() {
    OtlpReceiver.get();
    sim = ProviderSimulator.builder().timeToFirstToken(Duration.ofMillis(40)).start();
    client =
        OpenAIOkHttpClient.builder()
            .baseUrl(sim.openAiBaseUrl())
            .apiKey("test-key")
            .maxRetries(0)
            .build();
  }

  @AfterAll
  static void stop() {
    client.close();
    sim.close();
  }

  private static ResponseCreateParams.Builder params() {
    return ResponseCreateParams.builder()
        .model("gpt-4o-mini")
        .instructions("You are a support agent.")
        .input("Where is my order?")
        .maxOutputTokens(300L);
  }

  private static ReceivedSpan onlyLlmSpan(String traceId) {
    List<ReceivedSpan> spans = Traces.awaitTrace(traceId, 3);
    List<ReceivedSpan> llm = Traces.llmSpans(spans);
    assertThat(llm).hasSize(1);
    assertThat(spans)
        .filteredOn(s -> s.parentSpanId().equals(llm.get(0).spanId()))
        .singleElement()
        .satisfies(
            http -> assertThat(http.attributes()).containsEntry("http.request.method", "POST"));
    return llm.get(0);
  }

  @Test
  void responsesCreateIsOneSpanWithUsage() throws Exception {
    AtomicReference<Response> response = new AtomicReference<>();
    String traceId =
        Traces.inRootSpan(() -> response.set(client.responses().create(params().build())));

    ReceivedSpan span = onlyLlmSpan(traceId);
    assertThat(span.scope()).isEqualTo(SCOPE);
    assertThat(span.name()).isEqualTo("chat gpt-4o-mini");
    assertThat(span.attributes())
        .contains(
            entry("gen_ai.operation.name", "chat"),
            entry("gen_ai.provider.name", "openai"),
            entry("gen_ai.request.model", "gpt-4o-mini"),
            entry("gen_ai.request.max_tokens", 300L),
            entry("gen_ai.request.stream", false),
            entry("gen_ai.response.id", response.get().id()),
            entry("gen_ai.response.model", "gpt-4o-mini-2024-07-18"),
            entry("gen_ai.response.finish_reasons", List.of("stop")),
            entry("gen_ai.usage.input_tokens", 20L),
            entry("gen_ai.usage.output_tokens", 24L),
            entry("gen_ai.usage.cache_read.input_tokens", 0L),
            entry("gen_ai.usage.reasoning.output_tokens", 0L),
            entry("boxscore.prompt.version", "v-config"));
    assertThat((String) span.attributes().get("boxscore.prompt.fingerprint"))
        .matches("[0-9a-f]{16}");
  }

  @Test
  void responsesStreamingRecordsTimeToFirstChunkAndKeepsEveryEvent() throws Exception {
    AtomicInteger deltas = new AtomicInteger();
    String traceId =
        Traces.inRootSpan(
            () -> {
              try (StreamResponse<ResponseStreamEvent> stream =
                  client.responses().createStreaming(params().build())) {
                stream.stream()
                    .forEach(
                        event -> {
                          if (event.isOutputTextDelta()) {
                            deltas.incrementAndGet();
                          }
                        });
              }
            });

    assertThat(deltas.get()).isEqualTo(24);
    ReceivedSpan span = onlyLlmSpan(traceId);
    assertThat(span.attributes())
        .contains(
            entry("gen_ai.request.stream", true),
            entry("gen_ai.response.finish_reasons", List.of("stop")),
            entry("gen_ai.usage.output_tokens", 24L));
    assertThat((Double) span.attributes().get("gen_ai.response.time_to_first_chunk"))
        .isGreaterThanOrEqualTo(0.040);
  }

  @Test
  void responsesErrorsCarryTheStatus() throws Exception {
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    String traceId =
        Traces.inRootSpan(
            () ->
                thrown.set(
                    catchThrowable(
                        () ->
                            client
                                .responses()
                                .create(
                                    params()
                                        .putAdditionalHeader("x-sim-scenario", "error=500")
                                        .build()))));

    assertThat(thrown.get()).isNotNull();
    ReceivedSpan span = onlyLlmSpan(traceId);
    assertThat(span.span().getStatus().getCode()).isEqualTo(StatusCode.STATUS_CODE_ERROR);
    assertThat(span.attributes()).containsEntry("error.type", "500");
  }

  @Test
  void chatCompletionStreamsGetTimeToFirstChunkOnTheStockAgentsSpan() throws Exception {
    AtomicInteger chunks = new AtomicInteger();
    String traceId =
        Traces.inRootSpan(
            () -> {
              try (StreamResponse<ChatCompletionChunk> stream =
                  client
                      .chat()
                      .completions()
                      .createStreaming(
                          ChatCompletionCreateParams.builder()
                              .model("gpt-4o-mini")
                              .addUserMessage("Where is my order?")
                              .build())) {
                stream.stream().forEach(chunk -> chunks.incrementAndGet());
              }
            });

    assertThat(chunks.get()).isGreaterThan(24);
    ReceivedSpan span = onlyLlmSpan(traceId);
    assertThat(span.scope()).isNotEqualTo(SCOPE).startsWith("io.opentelemetry.openai-java");
    assertThat(span.attributes())
        .contains(
            entry("gen_ai.operation.name", "chat"),
            entry("gen_ai.response.finish_reasons", List.of("stop")));
    double duration = (span.span().getEndTimeUnixNano() - span.span().getStartTimeUnixNano()) / 1e9;
    assertThat((Double) span.attributes().get("gen_ai.response.time_to_first_chunk"))
        .isGreaterThanOrEqualTo(0.040)
        .isLessThanOrEqualTo(duration);
  }

  private static ChatCompletionCreateParams.Builder chatParams() {
    return ChatCompletionCreateParams.builder()
        .model("gpt-4o-mini")
        .addUserMessage("Where is my order?");
  }

  private static double timeToFirstChunk(ReceivedSpan span) {
    assertThat(span.attributes()).containsKey("gen_ai.response.time_to_first_chunk");
    return (Double) span.attributes().get("gen_ai.response.time_to_first_chunk");
  }

  private static double duration(ReceivedSpan span) {
    return (span.span().getEndTimeUnixNano() - span.span().getStartTimeUnixNano()) / 1e9;
  }

  /** An application's async handler: counts chunks, records how the stream ended. */
  private static final class RecordingHandler
      implements AsyncStreamResponse.Handler<ChatCompletionChunk> {
    final AtomicInteger chunks = new AtomicInteger();
    final CompletableFuture<Optional<Throwable>> completed = new CompletableFuture<>();

    @Override
    public void onNext(ChatCompletionChunk chunk) {
      chunks.incrementAndGet();
    }

    @Override
    public void onComplete(Optional<Throwable> error) {
      completed.complete(error);
    }
  }

  @Test
  void asyncChatCompletionStreamsGetTimeToFirstChunkOnTheStockAgentsSpan() throws Exception {
    RecordingHandler handler = new RecordingHandler();
    String traceId =
        Traces.inRootSpan(
            () ->
                client
                    .async()
                    .chat()
                    .completions()
                    .createStreaming(chatParams().build())
                    .subscribe(handler)
                    .onCompleteFuture()
                    .get(10, TimeUnit.SECONDS));

    // the application's handler still gets every chunk and its completion
    assertThat(handler.completed).succeedsWithin(Duration.ofSeconds(5)).isEqualTo(Optional.empty());
    assertThat(handler.chunks.get()).isGreaterThan(24);
    ReceivedSpan span = onlyLlmSpan(traceId);
    assertThat(span.scope()).isNotEqualTo(SCOPE).startsWith("io.opentelemetry.openai-java");
    assertThat(span.name()).isEqualTo("chat gpt-4o-mini");
    assertThat(span.attributes())
        .contains(
            entry("gen_ai.operation.name", "chat"),
            entry("gen_ai.response.finish_reasons", List.of("stop")));
    // the simulator holds the first token back 40 ms
    assertThat(timeToFirstChunk(span)).isGreaterThanOrEqualTo(0.040).isLessThan(duration(span));
  }

  @Test
  void asyncChatCompletionStreamsOnTheApplicationsExecutorGetTimeToFirstChunk() throws Exception {
    ExecutorService executor = Executors.newSingleThreadExecutor();
    try {
      RecordingHandler handler = new RecordingHandler();
      String traceId =
          Traces.inRootSpan(
              () ->
                  client
                      .async()
                      .chat()
                      .completions()
                      .createStreaming(
                          chatParams().putAdditionalHeader("x-sim-scenario", "ttft=120ms").build())
                      .subscribe(handler, executor)
                      .onCompleteFuture()
                      .get(10, TimeUnit.SECONDS));

      assertThat(handler.completed)
          .succeedsWithin(Duration.ofSeconds(5))
          .isEqualTo(Optional.empty());
      ReceivedSpan span = onlyLlmSpan(traceId);
      // the first token comes 120 ms after the role-only chunk the simulator sends at once (as
      // OpenAI does), which
      // does not count (timing any chunk gave 13-49 ms here)
      assertThat(timeToFirstChunk(span)).isGreaterThanOrEqualTo(0.120).isLessThan(duration(span));
    } finally {
      executor.shutdownNow();
    }
  }

  @Test
  void failedAsyncChatCompletionStreamsReachTheApplicationAndHaveNoTimeToFirstChunk()
      throws Exception {
    RecordingHandler handler = new RecordingHandler();
    String traceId =
        Traces.inRootSpan(
            () -> {
              AsyncStreamResponse<ChatCompletionChunk> stream =
                  client
                      .async()
                      .chat()
                      .completions()
                      .createStreaming(
                          chatParams().putAdditionalHeader("x-sim-scenario", "error=500").build())
                      .subscribe(handler);
              assertThat(stream.onCompleteFuture()).failsWithin(Duration.ofSeconds(10));
            });

    assertThat(handler.completed)
        .succeedsWithin(Duration.ofSeconds(5))
        .satisfies(error -> assertThat(error).isPresent());
    assertThat(handler.chunks.get()).isZero();
    ReceivedSpan span = onlyLlmSpan(traceId);
    assertThat(span.span().getStatus().getCode()).isEqualTo(StatusCode.STATUS_CODE_ERROR);
    assertThat(span.attributes()).doesNotContainKey("gen_ai.response.time_to_first_chunk");
  }

  @Test
  void chatCompletionsKeepTheStockAgentsSingleSpan() throws Exception {
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
    assertThat(span.scope()).isNotEqualTo(SCOPE).startsWith("io.opentelemetry.openai-java");
  }
}
