package dev.boxscore.model.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boxscore.model.LlmCall;
import dev.boxscore.model.TokenUsage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Spans exactly as they came off the wire from a JVM under the OpenTelemetry Java agent 2.33.1 with
 * the Boxscore extension (otel-agent-ext's AnthropicIT and RawHttpIT against the provider
 * simulator, 2026-11-29).
 */
class ObservedAgentSpansTest {
  private final LlmSpanNormalizer normalizer = new LlmSpanNormalizer();

  @Test
  void anthropicJavaSdkSyncSpan() {
    // scope com.anthropic.sdk.java, anthropic-java 3.14.0: no finish_reasons, no request.stream on
    // a sync call
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("http.request.method", "POST");
    attributes.put("http.route", "/v1/messages");
    attributes.put("gen_ai.provider.name", "anthropic");
    attributes.put("server.address", "127.0.0.1");
    attributes.put("server.port", 42437L);
    attributes.put("gen_ai.operation.name", "chat");
    attributes.put("gen_ai.request.max_tokens", 256L);
    attributes.put("gen_ai.request.model", "claude-sonnet-4-5");
    attributes.put("thread.id", 1L);
    attributes.put("thread.name", "main");
    attributes.put("url.full", "http://127.0.0.1:42437/v1/messages");
    attributes.put("url.path", "/v1/messages");
    attributes.put("url.scheme", "http");
    attributes.put("gen_ai.usage.input_tokens", 11L);
    attributes.put("anthropic.message.stop_reason", "end_turn");
    attributes.put("anthropic.response.service_tier", "standard");
    attributes.put("anthropic.usage.cache_creation.ephemeral_1h_input_tokens", 0L);
    attributes.put("anthropic.usage.cache_creation.ephemeral_5m_input_tokens", 0L);
    attributes.put("gen_ai.response.id", "msg_sim000000000002");
    attributes.put("gen_ai.response.model", "claude-sonnet-4-5-20250929");
    attributes.put("gen_ai.usage.cache_read.input_tokens", 0L);
    attributes.put("gen_ai.usage.cache_write.input_tokens", 0L);
    attributes.put("gen_ai.usage.output_tokens", 24L);
    attributes.put("anthropic.request.id", "req_sim000000000001");
    attributes.put("http.response.status_code", 200L);

    LlmCall call =
        normalizer.normalize("anthropic.messages.create", attributes, List.of()).orElseThrow();

    assertThat(call.provider()).isEqualTo("anthropic");
    assertThat(call.operation()).isEqualTo("chat");
    assertThat(call.requestModel()).isEqualTo("claude-sonnet-4-5");
    assertThat(call.responseModel()).isEqualTo("claude-sonnet-4-5-20250929");
    assertThat(call.usage()).isEqualTo(TokenUsage.of(11, 24, 0, 0, 0));
    assertThat(call.finishReasons()).containsExactly("end_turn");
    assertThat(call.responseId()).isEqualTo("msg_sim000000000002");
    assertThat(call.streaming()).isNull();
    assertThat(call.timeToFirstTokenMs()).isNull();
  }

  @Test
  void anthropicJavaSdkStreamingSpanWithItsTimeToFirstChunk() {
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("gen_ai.provider.name", "anthropic");
    attributes.put("gen_ai.operation.name", "chat");
    attributes.put("gen_ai.request.model", "claude-sonnet-4-5");
    attributes.put("gen_ai.request.stream", true);
    attributes.put("gen_ai.response.time_to_first_chunk", 1.157972382);
    attributes.put("anthropic.message.stop_reason", "end_turn");
    attributes.put("gen_ai.usage.cache_read.input_tokens", 0L);
    attributes.put("gen_ai.usage.cache_write.input_tokens", 0L);
    attributes.put("gen_ai.usage.output_tokens", 24L);
    attributes.put("gen_ai.usage.input_tokens", 11L);

    LlmCall call =
        normalizer.normalize("anthropic.messages.create", attributes, List.of()).orElseThrow();

    assertThat(call.streaming()).isTrue();
    assertThat(call.timeToFirstTokenMs())
        .isCloseTo(1157.97, org.assertj.core.data.Offset.offset(0.01));
    assertThat(call.usage()).isEqualTo(TokenUsage.of(11, 24, 0, 0, 0));
  }

  @Test
  void rawHttpAnthropicSpanOfTheExtensionCountsCacheCreationInTheInput() {
    // dev.boxscore.otel.http: input already includes cache reads and writes (GenAI semantics)
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("gen_ai.operation.name", "chat");
    attributes.put("gen_ai.provider.name", "anthropic");
    attributes.put("gen_ai.request.model", "claude-sonnet-4-5");
    attributes.put("gen_ai.request.stream", true);
    attributes.put("gen_ai.response.finish_reasons", List.of("end_turn"));
    attributes.put("gen_ai.usage.input_tokens", 2095L);
    attributes.put("gen_ai.usage.output_tokens", 24L);
    attributes.put("gen_ai.usage.cache_read.input_tokens", 2048L);
    attributes.put("gen_ai.usage.cache_creation.input_tokens", 22L);
    attributes.put("gen_ai.response.time_to_first_chunk", 0.05);

    LlmCall call =
        normalizer.normalize("chat claude-sonnet-4-5", attributes, List.of()).orElseThrow();

    assertThat(call.usage()).isEqualTo(TokenUsage.of(2095, 24, 2048, 22, 0));
    assertThat(call.usage().uncachedInputTokens()).isEqualTo(25);
    assertThat(call.timeToFirstTokenMs()).isEqualTo(50.0);
  }
}
