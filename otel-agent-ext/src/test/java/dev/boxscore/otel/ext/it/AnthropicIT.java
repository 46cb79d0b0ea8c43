package dev.boxscore.otel.ext.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.entry;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import dev.boxscore.otel.ext.it.OtlpReceiver.ReceivedSpan;
import dev.boxscore.simulator.ProviderSimulator;
import io.opentelemetry.proto.trace.v1.Status.StatusCode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real anthropic-java SDK traces itself once an agent is present (scope {@code
 * com.anthropic.sdk.java}); its HTTP goes through OkHttp, which the extension's raw-HTTP layer
 * watches: still exactly one GenAI span per call.
 */
class AnthropicIT {
  private static final String SDK_SCOPE = "com.anthropic.sdk.java";
  static ProviderSimulator sim;
  static AnthropicClient client;

  @BeforeAll
  static void start() {
    OtlpReceiver.get();
    sim = ProviderSimulator.builder().timeToFirstToken(Duration.ofMillis(40)).start();
    client =
        AnthropicOkHttpClient.builder()
            .baseUrl(sim.baseUrl())
            .apiKey("test-key")
            .maxRetries(0)
            .build();
  }

  @AfterAll
  static void stop() {
    client.close();
    sim.close();
  }

  private static MessageCreateParams.Builder params() {
    return MessageCreateParams.builder()
        .model("claude-sonnet-4-5")
        .maxTokens(256)
        .addUserMessage("Where is my order?");
  }

  private static ReceivedSpan onlySdkSpan(String traceId) {
    List<ReceivedSpan> spans = Traces.awaitTrace(traceId, 3);
    List<ReceivedSpan> llm = Traces.llmSpans(spans);
    assertThat(llm).hasSize(1);
    ReceivedSpan span = llm.get(0);
    assertThat(span.scope()).isEqualTo(SDK_SCOPE);
    assertThat(span.name()).isEqualTo("anthropic.messages.create");
    assertThat(spans)
        .filteredOn(s -> s.parentSpanId().equals(span.spanId()))
        .singleElement()
        .satisfies(
            http -> assertThat(http.attributes()).containsEntry("http.request.method", "POST"));
    return span;
  }

  @Test
  void syncCallIsTheSdksOneSpanWithTokens() throws Exception {
    AtomicReference<Message> message = new AtomicReference<>();
    String traceId =
        Traces.inRootSpan(() -> message.set(client.messages().create(params().build())));

    ReceivedSpan span = onlySdkSpan(traceId);
    assertThat(span.attributes())
        .contains(
            entry("gen_ai.operation.name", "chat"),
            entry("gen_ai.provider.name", "anthropic"),
            entry("gen_ai.request.model", "claude-sonnet-4-5"),
            entry("gen_ai.request.max_tokens", 256L),
            entry("gen_ai.response.id", message.get().id()),
            entry("gen_ai.response.model", "claude-sonnet-4-5-20250929"),
            entry("gen_ai.usage.input_tokens", 11L),
            entry("gen_ai.usage.output_tokens", 24L),
            entry("gen_ai.usage.cache_read.input_tokens", 0L),
            entry("gen_ai.usage.cache_write.input_tokens", 0L),
            entry("anthropic.message.stop_reason", "end_turn"))
        .doesNotContainKey("gen_ai.request.stream");
  }

  @Test
  void streamingCallIsTheSdksOneSpanWithTimeToFirstChunk() throws Exception {
    AtomicInteger events = new AtomicInteger();
    String traceId =
        Traces.inRootSpan(
            () -> {
              try (StreamResponse<RawMessageStreamEvent> stream =
                  client.messages().createStreaming(params().build())) {
                stream.stream().forEach(e -> events.incrementAndGet());
              }
            });

    assertThat(events.get()).isGreaterThan(24);
    ReceivedSpan span = onlySdkSpan(traceId);
    assertThat(span.attributes())
        .contains(
            entry("gen_ai.request.stream", true),
            entry("gen_ai.usage.input_tokens", 11L),
            entry("gen_ai.usage.output_tokens", 24L),
            entry("anthropic.message.stop_reason", "end_turn"));
    assertThat((Double) span.attributes().get("gen_ai.response.time_to_first_chunk"))
        .isGreaterThanOrEqualTo(0.040);
  }

  @Test
  void errorsAreTheSdksOneSpanToo() throws Exception {
    String traceId =
        Traces.inRootSpan(
            () ->
                assertThat(
                        catchThrowable(
                            () ->
                                client
                                    .messages()
                                    .create(
                                        params()
                                            .putAdditionalHeader("x-sim-scenario", "error=529")
                                            .build())))
                    .isNotNull());

    ReceivedSpan span = onlySdkSpan(traceId);
    assertThat(span.span().getStatus().getCode()).isEqualTo(StatusCode.STATUS_CODE_ERROR);
    assertThat(span.attributes()).containsEntry("http.response.status_code", 529L);
  }
}
