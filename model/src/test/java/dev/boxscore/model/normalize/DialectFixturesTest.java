package dev.boxscore.model.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boxscore.model.LlmCall;
import dev.boxscore.model.LlmDialect;
import dev.boxscore.model.TokenUsage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * One realistic span per dialect, as each instrumentation emits it, with every normalized field
 * asserted.
 */
class DialectFixturesTest {

  private static final long START = 1_764_000_000_000_000_000L;

  private final LlmSpanNormalizer normalizer = new LlmSpanNormalizer();

  @Test
  void stockJavaAgentOpenAiChatSpan() {
    // opentelemetry-javaagent 2.33 wrapping openai-java: content goes to log events, not to the
    // span.
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("gen_ai.operation.name", "chat");
    attributes.put("gen_ai.provider.name", "openai");
    attributes.put("gen_ai.request.model", "gpt-4o-mini");
    attributes.put("gen_ai.request.max_tokens", 200L);
    attributes.put("gen_ai.request.temperature", 0.2);
    attributes.put("gen_ai.response.id", "chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT");
    attributes.put("gen_ai.response.model", "gpt-4o-mini-2024-07-18");
    attributes.put("gen_ai.response.finish_reasons", List.of("stop"));
    attributes.put("gen_ai.usage.input_tokens", 22L);
    attributes.put("gen_ai.usage.output_tokens", 9L);
    attributes.put("server.address", "api.openai.com");
    attributes.put("server.port", 443L);

    LlmCall call = normalizer.normalize("chat gpt-4o-mini", attributes, List.of()).orElseThrow();

    assertThat(call)
        .isEqualTo(
            new LlmCall(
                "openai",
                "chat",
                "gpt-4o-mini",
                "gpt-4o-mini-2024-07-18",
                TokenUsage.of(22, 9),
                null,
                List.of("stop"),
                "chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                Set.of(LlmDialect.GEN_AI)));
  }

  @Test
  void anthropicJavaSdkStreamingSpanWithCacheAndContent() {
    // anthropic-java 3.14.0 under an agent: scope com.anthropic.sdk.java; input_tokens already
    // includes the
    // cache (the SDK sums input + cache_read + cache_creation); stop reason in
    // anthropic.message.stop_reason.
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("gen_ai.operation.name", "chat");
    attributes.put("gen_ai.provider.name", "anthropic");
    attributes.put("gen_ai.request.model", "claude-sonnet-4-5");
    attributes.put("gen_ai.request.max_tokens", 1024L);
    attributes.put("gen_ai.request.stream", true);
    attributes.put("gen_ai.response.id", "msg_01XFDUDYJgAACzvnptvVoYEL");
    attributes.put("gen_ai.response.model", "claude-sonnet-4-5-20250929");
    attributes.put("gen_ai.usage.input_tokens", 2095L);
    attributes.put("gen_ai.usage.cache_read.input_tokens", 2048L);
    attributes.put("gen_ai.usage.cache_write.input_tokens", 22L);
    attributes.put("anthropic.usage.cache_creation.ephemeral_5m_input_tokens", 22L);
    attributes.put("anthropic.usage.cache_creation.ephemeral_1h_input_tokens", 0L);
    attributes.put("gen_ai.usage.output_tokens", 150L);
    attributes.put("anthropic.message.stop_reason", "end_turn");
    attributes.put("anthropic.response.service_tier", "standard");
    attributes.put("gen_ai.response.time_to_first_chunk", 0.375);
    attributes.put(
        "gen_ai.system_instructions", "[{\"type\":\"text\",\"content\":\"You are terse.\"}]");
    attributes.put(
        "gen_ai.input.messages",
        "[{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"Name a prime.\"}]}]");
    attributes.put(
        "gen_ai.output.messages",
        "[{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":\"7\"}],\"finish_reason\":\"end_turn\"}]");
    attributes.put("http.request.method", "POST");
    attributes.put("http.response.status_code", 200L);
    attributes.put("server.address", "api.anthropic.com");
    attributes.put("url.full", "https://api.anthropic.com/v1/messages");
    attributes.put("anthropic.request.id", "req_011CV4abc");

    LlmCall call =
        normalizer
            .normalize("anthropic.messages.create", START, attributes, List.of())
            .orElseThrow();

    assertThat(call)
        .isEqualTo(
            new LlmCall(
                "anthropic",
                "chat",
                "claude-sonnet-4-5",
                "claude-sonnet-4-5-20250929",
                TokenUsage.of(2095, 150, 2048, 22, 0),
                375.0,
                List.of("end_turn"),
                "msg_01XFDUDYJgAACzvnptvVoYEL",
                true,
                null,
                null,
                null,
                null,
                "[{\"role\":\"system\",\"parts\":[{\"type\":\"text\",\"content\":\"You are terse.\"}]},"
                    + "{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"Name a prime.\"}]}]",
                "[{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":\"7\"}],"
                    + "\"finish_reason\":\"end_turn\"}]",
                Set.of(LlmDialect.GEN_AI)));
    assertThat(call.usage().uncachedInputTokens()).isEqualTo(25);
  }

  @Test
  void pythonOpenInferenceOpenAiStreamingSpan() {
    // openinference-instrumentation-openai: Python ints arrive as Long; the first chunk is a span
    // event.
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("openinference.span.kind", "LLM");
    attributes.put("llm.system", "openai");
    attributes.put("llm.provider", "openai");
    attributes.put("llm.model_name", "gpt-4o-2024-08-06");
    attributes.put(
        "llm.invocation_parameters",
        "{\"model\": \"gpt-4o\", \"temperature\": 0.1, \"stream\": true}");
    attributes.put(
        "input.value",
        "{\"messages\": [{\"role\": \"system\", \"content\": \"You are a geography tutor.\"},"
            + " {\"role\": \"user\", \"content\": \"Capital of France?\"}], \"model\": \"gpt-4o\", \"stream\": true}");
    attributes.put("input.mime_type", "application/json");
    attributes.put(
        "output.value",
        "{\"id\": \"chatcmpl-AbC123\", \"model\": \"gpt-4o-2024-08-06\", \"system_fingerprint\": \"fp_6b68a8204b\","
            + " \"choices\": [{\"index\": 0, \"message\": {\"role\": \"assistant\", \"content\": \"Paris.\"},"
            + " \"finish_reason\": \"stop\"}]}");
    attributes.put("output.mime_type", "application/json");
    attributes.put("llm.input_messages.0.message.role", "system");
    attributes.put("llm.input_messages.0.message.content", "You are a geography tutor.");
    attributes.put("llm.input_messages.1.message.role", "user");
    attributes.put("llm.input_messages.1.message.contents.0.message_content.type", "text");
    attributes.put(
        "llm.input_messages.1.message.contents.0.message_content.text", "Capital of France?");
    attributes.put("llm.output_messages.0.message.role", "assistant");
    attributes.put("llm.output_messages.0.message.content", "Paris.");
    attributes.put("llm.token_count.prompt", 1200L);
    attributes.put("llm.token_count.completion", 3L);
    attributes.put("llm.token_count.total", 1203L);
    attributes.put("llm.token_count.prompt_details.cache_read", 1024L);
    attributes.put("llm.prompt_template.version", "v3");
    List<SpanEvent> events =
        List.of(new SpanEvent("First Token Stream Event", START + 180_000_000L, Map.of()));

    LlmCall call = normalizer.normalize("ChatCompletion", START, attributes, events).orElseThrow();

    assertThat(call)
        .isEqualTo(
            new LlmCall(
                "openai",
                "chat",
                "gpt-4o",
                "gpt-4o-2024-08-06",
                TokenUsage.of(1200, 3, 1024, 0, 0),
                180.0,
                List.of("stop"),
                "chatcmpl-AbC123",
                true,
                "fp_6b68a8204b",
                null,
                "v3",
                null,
                "[{\"role\":\"system\",\"parts\":[{\"type\":\"text\",\"content\":\"You are a geography tutor.\"}]},"
                    + "{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"Capital of France?\"}]}]",
                "[{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":\"Paris.\"}]}]",
                Set.of(LlmDialect.OPENINFERENCE)));
  }

  @Test
  void openLlmetrySpanWithLegacyFlattenedMessages() {
    // traceloop-sdk / opentelemetry-instrumentation-openai (pre-GenAI-messages releases).
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("llm.request.type", "chat");
    attributes.put("gen_ai.system", "OpenAI");
    attributes.put("gen_ai.request.model", "gpt-4o-mini");
    attributes.put("gen_ai.request.temperature", 0.7);
    attributes.put("gen_ai.response.model", "gpt-4o-mini-2024-07-18");
    attributes.put("gen_ai.response.id", "chatcmpl-AzX9");
    attributes.put("gen_ai.openai.api_base", "https://api.openai.com/v1/");
    attributes.put("gen_ai.openai.system_fingerprint", "fp_0ba0d124f1");
    attributes.put("llm.is_streaming", false);
    attributes.put("llm.headers", "None");
    attributes.put("gen_ai.prompt.0.role", "system");
    attributes.put("gen_ai.prompt.0.content", "You are a helpful assistant.");
    attributes.put("gen_ai.prompt.1.role", "user");
    attributes.put("gen_ai.prompt.1.content", "Tell me a joke about OpenTelemetry");
    attributes.put("gen_ai.completion.0.role", "assistant");
    attributes.put(
        "gen_ai.completion.0.content", "Why did the span break up? Too many attributes.");
    attributes.put("gen_ai.completion.0.finish_reason", "stop");
    attributes.put("gen_ai.usage.prompt_tokens", 24L);
    attributes.put("gen_ai.usage.completion_tokens", 18L);
    attributes.put("llm.usage.total_tokens", 42L);
    attributes.put("gen_ai.usage.cache_read_input_tokens", 0L);
    attributes.put("traceloop.workflow.name", "joke_generation");
    attributes.put("traceloop.association.properties.user_id", "u-1");
    attributes.put("traceloop.prompt.key", "joke");
    attributes.put("traceloop.prompt.version", 3L);

    LlmCall call = normalizer.normalize("openai.chat", attributes, List.of()).orElseThrow();

    assertThat(call)
        .isEqualTo(
            new LlmCall(
                "openai",
                "chat",
                "gpt-4o-mini",
                "gpt-4o-mini-2024-07-18",
                TokenUsage.of(24, 18),
                null,
                List.of("stop"),
                "chatcmpl-AzX9",
                false,
                "fp_0ba0d124f1",
                "joke",
                "3",
                null,
                "[{\"role\":\"system\",\"parts\":[{\"type\":\"text\",\"content\":\"You are a helpful assistant.\"}]},"
                    + "{\"role\":\"user\",\"parts\":[{\"type\":\"text\","
                    + "\"content\":\"Tell me a joke about OpenTelemetry\"}]}]",
                "[{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\","
                    + "\"content\":\"Why did the span break up? Too many attributes.\"}],\"finish_reason\":\"stop\"}]",
                Set.of(LlmDialect.GEN_AI, LlmDialect.OPENLLMETRY)));
  }

  @Test
  void openLlmetryAnthropicSpanWithTotalOnlyAndContentBlocks() {
    // Completion tokens missing: derived from llm.usage.total_tokens. Content blocks serialized as
    // JSON.
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("llm.request.type", "completion");
    attributes.put("gen_ai.system", "Anthropic");
    attributes.put("gen_ai.request.model", "claude-3-5-haiku-latest");
    attributes.put("gen_ai.usage.prompt_tokens", "31");
    attributes.put("llm.usage.total_tokens", 40.0);
    attributes.put("gen_ai.prompt.0.role", "user");
    attributes.put("gen_ai.prompt.0.content", "[{\"type\": \"text\", \"text\": \"Say hi\"}]");
    attributes.put("gen_ai.completion.0.role", "assistant");
    attributes.put("gen_ai.completion.0.content", "Hi!");
    attributes.put("llm.response.stop_reason", "end_turn");

    LlmCall call = normalizer.normalize("anthropic.chat", attributes, List.of()).orElseThrow();

    assertThat(call.provider()).isEqualTo("anthropic");
    assertThat(call.operation()).isEqualTo("text_completion");
    assertThat(call.usage()).isEqualTo(TokenUsage.of(31, 9));
    assertThat(call.finishReasons()).containsExactly("end_turn");
    assertThat(call.input())
        .isEqualTo("[{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"Say hi\"}]}]");
  }

  @Test
  void newConventionSpanWithJsonMessagesAndBoxscoreKeys() {
    // opentelemetry-instrumentation-openai-v2 with
    // OTEL_SEMCONV_STABILITY_OPT_IN=gen_ai_latest_experimental,
    // plus the Boxscore agent extension's prompt keys. Pretty-printed JSON comes out compact.
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("gen_ai.operation.name", "chat");
    attributes.put("gen_ai.provider.name", "openai");
    attributes.put("gen_ai.request.model", "gpt-4.1");
    attributes.put("gen_ai.request.stream", false);
    attributes.put("gen_ai.response.model", "gpt-4.1-2025-04-14");
    attributes.put("gen_ai.response.id", "chatcmpl-Q7");
    attributes.put("gen_ai.response.finish_reasons", List.of("tool_calls"));
    attributes.put("gen_ai.usage.input_tokens", 1500L);
    attributes.put("gen_ai.usage.output_tokens", 320L);
    attributes.put("gen_ai.usage.cache_read.input_tokens", 1024L);
    attributes.put("gen_ai.usage.reasoning.output_tokens", 0L);
    attributes.put("gen_ai.conversation.id", "conv-42");
    attributes.put("openai.response.system_fingerprint", "fp_new");
    attributes.put("gen_ai.prompt.name", "checkout-assistant");
    attributes.put("boxscore.prompt.version", "checkout-v7");
    attributes.put("boxscore.prompt.fingerprint", "sha256:ab12cd34");
    attributes.put(
        "gen_ai.system_instructions",
        "[{\"type\": \"text\", \"content\": \"Help with checkout.\"}]");
    attributes.put(
        "gen_ai.input.messages",
        """
        [
          {"role": "user", "parts": [{"type": "text", "content": "Where is order 17?"}]},
          {"role": "assistant", "parts": [{"type": "tool_call", "id": "call_1", "name": "find_order",
            "arguments": {"id": 17}}]},
          {"role": "tool", "parts": [{"type": "tool_call_response", "id": "call_1", "response": "shipped"}]}
        ]
        """);
    attributes.put(
        "gen_ai.output.messages",
        """
        [{"role": "assistant", "parts": [{"type": "tool_call", "id": "call_2", "name": "track",
          "arguments": {"order": 17}}], "finish_reason": "tool_calls"}]
        """);

    LlmCall call = normalizer.normalize("chat gpt-4.1", attributes, List.of()).orElseThrow();

    assertThat(call)
        .isEqualTo(
            new LlmCall(
                "openai",
                "chat",
                "gpt-4.1",
                "gpt-4.1-2025-04-14",
                TokenUsage.of(1500, 320, 1024, 0, 0),
                null,
                List.of("tool_calls"),
                "chatcmpl-Q7",
                false,
                "fp_new",
                "checkout-assistant",
                "checkout-v7",
                "sha256:ab12cd34",
                "[{\"role\":\"system\",\"parts\":[{\"type\":\"text\",\"content\":\"Help with checkout.\"}]},"
                    + "{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"Where is order 17?\"}]},"
                    + "{\"role\":\"assistant\",\"parts\":[{\"type\":\"tool_call\",\"id\":\"call_1\","
                    + "\"name\":\"find_order\",\"arguments\":{\"id\":17}}]},"
                    + "{\"role\":\"tool\",\"parts\":[{\"type\":\"tool_call_response\",\"id\":\"call_1\","
                    + "\"response\":\"shipped\"}]}]",
                "[{\"role\":\"assistant\",\"parts\":[{\"type\":\"tool_call\",\"id\":\"call_2\",\"name\":\"track\","
                    + "\"arguments\":{\"order\":17}}],\"finish_reason\":\"tool_calls\"}]",
                Set.of(LlmDialect.GEN_AI)));
  }

  @Test
  void oldGenAiSpanWithPerMessageEvents() {
    // Semconv <= 1.36 instrumentations that put content into gen_ai.*.message / gen_ai.choice span
    // events.
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("gen_ai.operation.name", "chat");
    attributes.put("gen_ai.system", "az.ai.openai");
    attributes.put("gen_ai.request.model", "gpt-4o");
    attributes.put("gen_ai.usage.prompt_tokens", 12L);
    attributes.put("gen_ai.usage.completion_tokens", 3L);
    attributes.put("gen_ai.openai.response.system_fingerprint", "fp_old");
    List<SpanEvent> events =
        List.of(
            new SpanEvent("gen_ai.system.message", START + 1, Map.of("content", "Be brief.")),
            new SpanEvent("gen_ai.user.message", START + 2, Map.of("content", "Hi")),
            new SpanEvent(
                "gen_ai.assistant.message",
                START + 3,
                Map.of(
                    "tool_calls",
                    "[{\"id\":\"c1\",\"type\":\"function\",\"function\":{\"name\":\"now\",\"arguments\":\"{}\"}}]")),
            new SpanEvent("gen_ai.tool.message", START + 4, Map.of("id", "c1", "content", "12:00")),
            new SpanEvent(
                "gen_ai.choice",
                START + 5,
                Map.of(
                    "index", 0L,
                    "finish_reason", "stop",
                    "message", "{\"role\":\"assistant\",\"content\":\"Hello, it is noon.\"}")));

    LlmCall call = normalizer.normalize("chat gpt-4o", attributes, events).orElseThrow();

    assertThat(call)
        .isEqualTo(
            new LlmCall(
                "azure.ai.openai",
                "chat",
                "gpt-4o",
                null,
                TokenUsage.of(12, 3),
                null,
                List.of("stop"),
                null,
                null,
                "fp_old",
                null,
                null,
                null,
                "[{\"role\":\"system\",\"parts\":[{\"type\":\"text\",\"content\":\"Be brief.\"}]},"
                    + "{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"Hi\"}]},"
                    + "{\"role\":\"assistant\",\"parts\":[{\"type\":\"tool_call\",\"id\":\"c1\",\"name\":\"now\","
                    + "\"arguments\":{}}]},"
                    + "{\"role\":\"tool\",\"parts\":[{\"type\":\"tool_call_response\",\"id\":\"c1\","
                    + "\"response\":\"12:00\"}]}]",
                "[{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":\"Hello, it is noon.\"}],"
                    + "\"finish_reason\":\"stop\"}]",
                Set.of(LlmDialect.GEN_AI)));
  }

  @Test
  void oldGenAiContentEventsAndVertexProvider() {
    Map<String, Object> attributes =
        Map.of(
            "gen_ai.system",
            "vertex_ai",
            "gen_ai.request.model",
            "gemini-1.5-pro",
            "gen_ai.usage.input_tokens",
            5L,
            "gen_ai.usage.output_tokens",
            2L);
    List<SpanEvent> events =
        List.of(
            new SpanEvent(
                "gen_ai.content.prompt",
                START,
                Map.of("gen_ai.prompt", "[{\"role\": \"user\", \"content\": \"Hi\"}]")),
            new SpanEvent(
                "gen_ai.content.prompt",
                START,
                Map.of("gen_ai.prompt", "duplicate event: ignored")),
            new SpanEvent(
                "gen_ai.content.completion", START, Map.of("gen_ai.completion", "Hello!")));

    LlmCall call =
        normalizer.normalize("generate_content gemini-1.5-pro", attributes, events).orElseThrow();

    assertThat(call.provider()).isEqualTo("gcp.vertex_ai");
    assertThat(call.operation()).isEqualTo("generate_content");
    assertThat(call.input())
        .isEqualTo("[{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"Hi\"}]}]");
    assertThat(call.output())
        .isEqualTo(
            "[{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":\"Hello!\"}]}]");
  }

  @Test
  void embeddingsInEveryDialectAreModelCalls() {
    LlmCall agent =
        normalizer
            .normalize(
                "embeddings text-embedding-3-small",
                Map.of(
                    "gen_ai.operation.name", "embeddings",
                    "gen_ai.provider.name", "openai",
                    "gen_ai.request.model", "text-embedding-3-small",
                    "gen_ai.usage.input_tokens", 8L),
                List.of())
            .orElseThrow();
    LlmCall openInference =
        normalizer
            .normalize(
                "CreateEmbeddings",
                Map.of(
                    "openinference.span.kind", "EMBEDDING",
                    "embedding.model_name", "text-embedding-3-small",
                    "llm.model_name", "text-embedding-3-small",
                    "llm.token_count.prompt", 8L,
                    "llm.token_count.total", 8L),
                List.of())
            .orElseThrow();
    LlmCall openLlmetry =
        normalizer
            .normalize(
                "openai.embeddings",
                Map.of(
                    "llm.request.type", "embedding",
                    "gen_ai.system", "openai",
                    "gen_ai.request.model", "text-embedding-3-small",
                    "llm.usage.total_tokens", 8L),
                List.of())
            .orElseThrow();

    for (LlmCall call : List.of(agent, openInference, openLlmetry)) {
      assertThat(call.operation()).isEqualTo("embeddings");
      assertThat(call.usage()).isEqualTo(TokenUsage.of(8, 0));
      assertThat(call.output()).isNull();
    }
  }
}
