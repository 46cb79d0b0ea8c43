package dev.boxscore.otel.ext.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.boxscore.otel.ext.it.OtlpReceiver.ReceivedSpan;
import dev.boxscore.simulator.ProviderSimulator;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.opentelemetry.proto.trace.v1.Status.StatusCode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Raw HTTP calls to the simulator's OpenAI- and Anthropic-compatible endpoints with the real JDK
 * HttpClient and OkHttp, under the agent with the extension: one GenAI span per call (parent of the
 * agent's HTTP span) with what the response said, and the application's bytes unchanged.
 */
class RawHttpIT {
  private static final String SCOPE = "dev.boxscore.otel.http";
  private static final String CHAT =
      """
      {"model":"gpt-4o-mini","max_tokens":300,"temperature":0.5,
       "messages":[{"role":"system","content":"You are a support agent."},{"role":"user","content":"Where is my order?"}]}""";
  private static final String CHAT_STREAM =
      """
      {"model":"gpt-4o-mini","stream":true,"stream_options":{"include_usage":true},
       "messages":[{"role":"user","content":"Where is my order?"}]}""";
  private static final String MESSAGES =
      """
      {"model":"claude-sonnet-4-5","max_tokens":256,"system":"You are terse.",
       "messages":[{"role":"user","content":"Where is my order?"}]}""";
  private static final String MESSAGES_STREAM =
      """
      {"model":"claude-sonnet-4-5","max_tokens":256,"stream":true,
       "messages":[{"role":"user","content":"Where is my order?"}]}""";
  static ProviderSimulator sim;
  static HttpClient jdk;
  static OkHttpClient okHttp;

  @BeforeAll
  static void start() {
    OtlpReceiver.get();
    sim =
        ProviderSimulator.builder()
            .timeToFirstToken(Duration.ofMillis(40))
            .chunkDelay(Duration.ofMillis(1))
            .start();
    jdk = HttpClient.newHttpClient();
    okHttp = new OkHttpClient();
  }

  @AfterAll
  static void stop() {
    okHttp.dispatcher().executorService().shutdown();
    okHttp.connectionPool().evictAll();
    sim.close();
  }

  private static HttpRequest jdkPost(String path, String body, String scenario) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(sim.baseUrl() + path))
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer test-key")
            .header("x-api-key", "test-key")
            .header("anthropic-version", "2023-06-01")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (scenario != null) {
      builder.header("x-sim-scenario", scenario);
    }
    return builder.build();
  }

  private static Request okPost(String path, String body, String scenario) {
    Request.Builder builder =
        new Request.Builder()
            .url(sim.baseUrl() + path)
            .header("Authorization", "Bearer test-key")
            .header("x-api-key", "test-key")
            .header("anthropic-version", "2023-06-01")
            .post(RequestBody.create(body, MediaType.get("application/json")));
    if (scenario != null) {
      builder.header("x-sim-scenario", scenario);
    }
    return builder.build();
  }

  /**
   * The trace's one GenAI span, after checking it is the root's child and the agent's HTTP span its
   * child.
   */
  private static ReceivedSpan onlyLlmSpan(String traceId) {
    List<ReceivedSpan> spans = Traces.awaitTrace(traceId, 3);
    List<ReceivedSpan> llm = Traces.llmSpans(spans);
    assertThat(llm).hasSize(1);
    ReceivedSpan span = llm.get(0);
    ReceivedSpan root =
        spans.stream().filter(s -> s.name().equals("test-root")).findFirst().orElseThrow();
    assertThat(span.parentSpanId()).isEqualTo(root.spanId());
    assertThat(span.scope()).isEqualTo(SCOPE);
    assertThat(span.span().getKind()).isEqualTo(SpanKind.SPAN_KIND_CLIENT);
    assertThat(spans)
        .filteredOn(s -> s != span && s.span().getKind() == SpanKind.SPAN_KIND_CLIENT)
        .singleElement()
        .satisfies(
            http -> {
              assertThat(http.parentSpanId()).isEqualTo(span.spanId());
              assertThat(http.attributes()).containsEntry("http.request.method", "POST");
            });
    return span;
  }

  private static double seconds(ReceivedSpan span) {
    return (span.span().getEndTimeUnixNano() - span.span().getStartTimeUnixNano()) / 1e9;
  }

  @Test
  void jdkChatCompletionIsOneGenAiSpanAndTheBodyIsUntouched() throws Exception {
    AtomicReference<HttpResponse<String>> response = new AtomicReference<>();
    String traceId =
        Traces.inRootSpan(
            () ->
                response.set(
                    jdk.send(
                        jdkPost("/v1/chat/completions", CHAT, null),
                        HttpResponse.BodyHandlers.ofString())));

    String body = response.get().body();
    assertThat(body).startsWith("{").contains("\"object\":\"chat.completion\"");
    ReceivedSpan span = onlyLlmSpan(traceId);
    assertThat(span.name()).isEqualTo("chat gpt-4o-mini");
    assertThat(span.span().getStatus().getCode()).isEqualTo(StatusCode.STATUS_CODE_UNSET);
    assertThat(span.attributes())
        .containsOnlyKeys(
            "gen_ai.operation.name",
            "gen_ai.provider.name",
            "gen_ai.request.model",
            "gen_ai.request.stream",
            "gen_ai.request.max_tokens",
            "gen_ai.request.temperature",
            "gen_ai.response.id",
            "gen_ai.response.model",
            "gen_ai.response.finish_reasons",
            "gen_ai.usage.input_tokens",
            "gen_ai.usage.output_tokens",
            "gen_ai.usage.cache_read.input_tokens",
            "gen_ai.usage.reasoning.output_tokens",
            "boxscore.prompt.fingerprint",
            "boxscore.prompt.version",
            "thread.id",
            "thread.name");
    assertThat(span.attributes())
        .contains(
            entry("gen_ai.operation.name", "chat"),
            entry("gen_ai.provider.name", "openai"),
            entry("gen_ai.request.model", "gpt-4o-mini"),
            entry("gen_ai.request.stream", false),
            entry("gen_ai.request.max_tokens", 300L),
            entry("gen_ai.request.temperature", 0.5),
            entry("gen_ai.response.model", "gpt-4o-mini-2024-07-18"),
            entry("gen_ai.response.finish_reasons", List.of("stop")),
            entry("gen_ai.usage.output_tokens", 24L),
            entry("gen_ai.usage.cache_read.input_tokens", 0L),
            entry("gen_ai.usage.reasoning.output_tokens", 0L));
    assertThat(body)
        .contains("\"id\":\"" + span.attributes().get("gen_ai.response.id") + "\"")
        .contains("\"prompt_tokens\":" + span.attributes().get("gen_ai.usage.input_tokens") + ",");
  }

  @Test
  void jdkStreamRecordsTimeToFirstChunkAndUsageFromTheLastChunk() throws Exception {
    AtomicReference<List<String>> lines = new AtomicReference<>();
    String traceId =
        Traces.inRootSpan(
            () ->
                lines.set(
                    jdk.send(
                            jdkPost("/v1/chat/completions", CHAT_STREAM, null),
                            HttpResponse.BodyHandlers.ofLines())
                        .body()
                        .collect(Collectors.toList())));

    // 1 role chunk + 24 content chunks + finish chunk + usage chunk + [DONE]
    assertThat(lines.get()).filteredOn(l -> l.startsWith("data: ")).hasSize(28);
    assertThat(lines.get()).last().isNotNull();
    ReceivedSpan span = onlyLlmSpan(traceId);
    assertThat(span.attributes())
        .contains(
            entry("gen_ai.request.stream", true),
            entry("gen_ai.response.model", "gpt-4o-mini-2024-07-18"),
            entry("gen_ai.response.finish_reasons", List.of("stop")),
            entry("gen_ai.usage.output_tokens", 24L));
    assertThat(span.attributes()).containsKeys("gen_ai.response.id", "gen_ai.usage.input_tokens");
    double ttft = (Double) span.attributes().get("gen_ai.response.time_to_first_chunk");
    assertThat(ttft).isGreaterThanOrEqualTo(0.040).isLessThan(seconds(span));
  }

  @Test
  void jdkAsyncAnthropicStreamCountsTheWholeInputAndTheStopReason() throws Exception {
    AtomicReference<String> body = new AtomicReference<>();
    String traceId =
        Traces.inRootSpan(
            () ->
                body.set(
                    jdk.sendAsync(
                            jdkPost("/v1/messages", MESSAGES_STREAM, null),
                            HttpResponse.BodyHandlers.ofString())
                        .get()
                        .body()));

    assertThat(body.get()).contains("event: message_stop");
    ReceivedSpan span = onlyLlmSpan(traceId);
    assertThat(span.name()).isEqualTo("chat claude-sonnet-4-5");
    assertThat(span.attributes())
        .contains(
            entry("gen_ai.provider.name", "anthropic"),
            entry("gen_ai.request.stream", true),
            entry("gen_ai.request.max_tokens", 256L),
            entry("gen_ai.response.model", "claude-sonnet-4-5-20250929"),
            entry("gen_ai.response.finish_reasons", List.of("end_turn")),
            entry("gen_ai.usage.input_tokens", 11L),
            entry("gen_ai.usage.output_tokens", 24L),
            entry("gen_ai.usage.cache_read.input_tokens", 0L),
            entry("gen_ai.usage.cache_creation.input_tokens", 0L));
    assertThat((String) span.attributes().get("gen_ai.response.id")).startsWith("msg_");
    assertThat((Double) span.attributes().get("gen_ai.response.time_to_first_chunk"))
        .isGreaterThan(0.0);
  }

  @Test
  void jdkErrorStatusIsTheErrorTypeAndTheCallerStillGetsTheErrorBody() throws Exception {
    AtomicReference<HttpResponse<String>> response = new AtomicReference<>();
    String traceId =
        Traces.inRootSpan(
            () ->
                response.set(
                    jdk.send(
                        jdkPost("/v1/chat/completions", CHAT, "error=429"),
                        HttpResponse.BodyHandlers.ofString())));

    assertThat(response.get().statusCode()).isEqualTo(429);
    assertThat(response.get().body()).contains("\"error\"");
    ReceivedSpan span = onlyLlmSpan(traceId);
    assertThat(span.span().getStatus().getCode()).isEqualTo(StatusCode.STATUS_CODE_ERROR);
    assertThat(span.attributes())
        .containsEntry("error.type", "429")
        .doesNotContainKey("gen_ai.response.id");
  }

  @Test
  void jdkConnectionFailureEndsTheSpanWithTheExceptionType() throws Exception {
    HttpRequest nowhere =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:1/v1/chat/completions"))
            .POST(HttpRequest.BodyPublishers.ofString(CHAT))
            .build();
    String traceId =
        Traces.inRootSpan(
            () ->
                assertThatThrownBy(() -> jdk.send(nowhere, HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(ConnectException.class));

    List<ReceivedSpan> llm = Traces.llmSpans(Traces.awaitTrace(traceId, 3));
    assertThat(llm)
        .singleElement()
        .satisfies(
            span -> {
              assertThat(span.span().getStatus().getCode()).isEqualTo(StatusCode.STATUS_CODE_ERROR);
              assertThat(span.attributes())
                  .containsEntry("error.type", ConnectException.class.getName());
            });
  }

  @Test
  void jdkResponsesAndEmbeddingsToo() throws Exception {
    String responses =
        Traces.inRootSpan(
            () ->
                jdk.send(
                    jdkPost(
                        "/v1/responses",
                        "{\"model\":\"gpt-4o-mini\",\"instructions\":\"Be brief.\",\"input\":\"Where is my order?\","
                            + "\"max_output_tokens\":100}",
                        null),
                    HttpResponse.BodyHandlers.ofString()));
    String embeddings =
        Traces.inRootSpan(
            () ->
                jdk.send(
                    jdkPost(
                        "/v1/embeddings",
                        "{\"model\":\"text-embedding-3-small\",\"input\":[\"one\",\"two\"]}",
                        null),
                    HttpResponse.BodyHandlers.ofString()));

    assertThat(onlyLlmSpan(responses).attributes())
        .contains(
            entry("gen_ai.request.max_tokens", 100L),
            entry("gen_ai.response.finish_reasons", List.of("stop")),
            entry("gen_ai.usage.output_tokens", 24L))
        .containsKeys(
            "gen_ai.response.id", "gen_ai.usage.input_tokens", "boxscore.prompt.fingerprint");
    ReceivedSpan embedding = onlyLlmSpan(embeddings);
    assertThat(embedding.name()).isEqualTo("embeddings text-embedding-3-small");
    assertThat(embedding.attributes())
        .contains(entry("gen_ai.operation.name", "embeddings"))
        .containsKeys("gen_ai.usage.input_tokens", "gen_ai.response.model");
  }

  @Test
  void okHttpChatCompletionIsOneGenAiSpan() throws Exception {
    AtomicReference<String> body = new AtomicReference<>();
    String traceId =
        Traces.inRootSpan(
            () -> {
              try (Response response =
                  okHttp.newCall(okPost("/v1/chat/completions", CHAT, null)).execute()) {
                body.set(response.body().string());
              }
            });

    ReceivedSpan span = onlyLlmSpan(traceId);
    assertThat(span.attributes())
        .contains(
            entry("gen_ai.provider.name", "openai"),
            entry("gen_ai.request.model", "gpt-4o-mini"),
            entry("gen_ai.request.stream", false),
            entry("gen_ai.response.finish_reasons", List.of("stop")),
            entry("gen_ai.usage.output_tokens", 24L));
    assertThat(body.get())
        .contains("\"id\":\"" + span.attributes().get("gen_ai.response.id") + "\"");
  }

  /**
   * The calling thread looks for the model only in the request's first bytes; one sent after a long
   * history is read with the rest of the request when the span is finished, and still names it.
   */
  @Test
  void okHttpModelAfterALongHistoryStillNamesTheSpan() throws Exception {
    String history = "{\"role\":\"user\",\"content\":\"" + "history ".repeat(2500) + "\"},";
    String body =
        "{\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},"
            + history
            + "{\"role\":\"user\",\"content\":\"Where is my order?\"}],\"max_tokens\":300,\"model\":\"gpt-4o-mini\","
            + "\"stream\":true,\"stream_options\":{\"include_usage\":true}}";
    String traceId =
        Traces.inRootSpan(
            () -> {
              try (Response response =
                  okHttp.newCall(okPost("/v1/chat/completions", body, null)).execute()) {
                assertThat(response.body().string()).contains("data: [DONE]");
              }
            });

    ReceivedSpan span = onlyLlmSpan(traceId);
    assertThat(span.name()).isEqualTo("chat gpt-4o-mini");
    assertThat(span.attributes())
        .contains(
            entry("gen_ai.request.model", "gpt-4o-mini"),
            entry("gen_ai.request.stream", true),
            entry("gen_ai.request.max_tokens", 300L),
            entry("gen_ai.usage.output_tokens", 24L))
        .containsKey("boxscore.prompt.fingerprint");
  }

  @Test
  void okHttpStreamReadLineByLineRecordsTimeToFirstChunk() throws Exception {
    AtomicReference<List<String>> lines = new AtomicReference<>();
    String traceId =
        Traces.inRootSpan(
            () -> {
              try (Response response =
                      okHttp
                          .newCall(okPost("/v1/messages", MESSAGES_STREAM, "ttft=60ms"))
                          .execute();
                  BufferedReader reader =
                      new BufferedReader(
                          new InputStreamReader(
                              response.body().byteStream(), StandardCharsets.UTF_8))) {
                lines.set(reader.lines().collect(Collectors.toList()));
              }
            });

    assertThat(lines.get()).contains("event: message_start", "event: message_stop");
    ReceivedSpan span = onlyLlmSpan(traceId);
    assertThat(span.attributes())
        .contains(
            entry("gen_ai.provider.name", "anthropic"),
            entry("gen_ai.request.stream", true),
            entry("gen_ai.response.finish_reasons", List.of("end_turn")),
            entry("gen_ai.usage.output_tokens", 24L));
    double ttft = (Double) span.attributes().get("gen_ai.response.time_to_first_chunk");
    assertThat(ttft).isGreaterThan(0.0).isLessThan(seconds(span));
  }

  @Test
  void okHttpAsyncCallKeepsTheCallersTrace() throws Exception {
    CompletableFuture<String> body = new CompletableFuture<>();
    String traceId =
        Traces.inRootSpan(
            () ->
                okHttp
                    .newCall(okPost("/v1/chat/completions", CHAT, null))
                    .enqueue(
                        new Callback() {
                          @Override
                          public void onFailure(Call call, IOException e) {
                            body.completeExceptionally(e);
                          }

                          @Override
                          public void onResponse(Call call, Response response) throws IOException {
                            try (response) {
                              body.complete(response.body().string());
                            }
                          }
                        }));

    String received = body.get(10, TimeUnit.SECONDS);
    ReceivedSpan span = onlyLlmSpan(traceId);
    assertThat(received).contains("\"id\":\"" + span.attributes().get("gen_ai.response.id") + "\"");
    assertThat(span.attributes()).containsEntry("gen_ai.usage.output_tokens", 24L);
  }

  @Test
  void okHttpErrorAndAnthropicSync() throws Exception {
    String failed =
        Traces.inRootSpan(
            () -> {
              try (Response response =
                  okHttp.newCall(okPost("/v1/chat/completions", CHAT, "error=500")).execute()) {
                assertThat(response.code()).isEqualTo(500);
                assertThat(response.body().string()).contains("\"error\"");
              }
            });
    AtomicReference<String> body = new AtomicReference<>();
    String anthropic =
        Traces.inRootSpan(
            () -> {
              try (Response response =
                  okHttp.newCall(okPost("/v1/messages", MESSAGES, null)).execute()) {
                body.set(response.body().string());
              }
            });

    ReceivedSpan error = onlyLlmSpan(failed);
    assertThat(error.span().getStatus().getCode()).isEqualTo(StatusCode.STATUS_CODE_ERROR);
    assertThat(error.attributes()).containsEntry("error.type", "500");
    ReceivedSpan message = onlyLlmSpan(anthropic);
    assertThat(message.attributes())
        .contains(
            entry("gen_ai.provider.name", "anthropic"),
            entry("gen_ai.request.stream", false),
            entry("gen_ai.response.finish_reasons", List.of("end_turn")),
            entry("gen_ai.usage.cache_read.input_tokens", 0L),
            entry("gen_ai.usage.cache_creation.input_tokens", 0L))
        .containsKey("boxscore.prompt.fingerprint");
    assertThat(body.get())
        .contains("\"type\":\"message\"")
        .contains(
            "\"input_tokens\":" + message.attributes().get("gen_ai.usage.input_tokens") + ",");
  }

  @Test
  void otherPathsAndMethodsGetNoGenAiSpan() throws Exception {
    String traceId =
        Traces.inRootSpan(
            () -> {
              jdk.send(
                  HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/v1/models")).GET().build(),
                  HttpResponse.BodyHandlers.ofString());
              try (Response response =
                  okHttp
                      .newCall(new Request.Builder().url(sim.baseUrl() + "/v1/models").build())
                      .execute()) {
                response.body().string();
              }
            });

    List<ReceivedSpan> spans = Traces.awaitTrace(traceId, 3);
    assertThat(Traces.llmSpans(spans)).isEmpty();
    assertThat(spans)
        .extracting(ReceivedSpan::name)
        .containsExactlyInAnyOrder("test-root", "GET", "GET");
  }
}
