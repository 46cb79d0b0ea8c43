package dev.boxscore.microbench;

import dev.boxscore.model.normalize.SpanEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One chat call (gpt-4o-mini, 1,200 input and 180 output tokens, 1,024 of the input cached) as each
 * attribute dialect writes it, with or without captured content, in the form the normalizer reads:
 * attributes flattened from OTLP AnyValues, and events. Keys are spelled as the instrumentations
 * send them, so a renamed constant cannot change what is measured.
 */
public final class DialectSpans {
  public static final String SEMCONV_NEW = "semconv-new";
  public static final String SEMCONV_OLD = "semconv-old";
  public static final String OPENINFERENCE = "openinference";
  public static final String OPENLLMETRY = "openllmetry";
  public static final String LEGACY_PROMPT_N = "legacy-prompt-N";

  public static final String MODEL = "gpt-4o-mini";
  public static final long INPUT_TOKENS = 1200;
  public static final long OUTPUT_TOKENS = 180;

  static final long START = 1_764_000_000_000_000_000L;
  static final String SYSTEM = "You are the support assistant of an online shop. " + words(60);
  public static final String QUESTION = "Where is my order 4711? " + words(160);
  static final String ANSWER = "Order 4711 left the warehouse yesterday. " + words(70);

  /** A span as the normalizer takes it. */
  public record Span(
      String name,
      long startTimeUnixNano,
      Map<String, Object> attributes,
      List<SpanEvent> events) {}

  private DialectSpans() {}

  public static Span of(String dialect, boolean content) {
    Map<String, Object> a = new LinkedHashMap<>();
    return switch (dialect) {
      case SEMCONV_NEW -> semconvNew(a, content);
      case SEMCONV_OLD -> semconvOld(a, content);
      case OPENINFERENCE -> openInference(a, content);
      case OPENLLMETRY -> openLlmetry(a, content);
      case LEGACY_PROMPT_N -> legacyPromptN(a, content);
      default -> throw new IllegalArgumentException("unknown dialect: " + dialect);
    };
  }

  /** GenAI semconv 1.37+ (gen_ai.provider.name, messages as JSON attributes). */
  private static Span semconvNew(Map<String, Object> a, boolean content) {
    a.put("gen_ai.operation.name", "chat");
    a.put("gen_ai.provider.name", "openai");
    a.put("gen_ai.request.model", MODEL);
    a.put("gen_ai.request.max_tokens", 1024L);
    a.put("gen_ai.request.temperature", 0.2);
    a.put("gen_ai.request.stream", true);
    a.put("gen_ai.response.id", "chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT");
    a.put("gen_ai.response.model", "gpt-4o-mini-2024-07-18");
    a.put("gen_ai.response.finish_reasons", List.of("stop"));
    a.put("gen_ai.response.time_to_first_chunk", 0.42);
    a.put("gen_ai.usage.input_tokens", INPUT_TOKENS);
    a.put("gen_ai.usage.output_tokens", OUTPUT_TOKENS);
    a.put("gen_ai.usage.cache_read.input_tokens", 1024L);
    a.put("server.address", "api.openai.com");
    a.put("server.port", 443L);
    if (content) {
      a.put("gen_ai.system_instructions", "[{\"type\":\"text\",\"content\":\"" + SYSTEM + "\"}]");
      a.put("gen_ai.input.messages", partsJson("user", QUESTION, null));
      a.put("gen_ai.output.messages", partsJson("assistant", ANSWER, "stop"));
    }
    return new Span("chat " + MODEL, START, a, List.of());
  }

  /** GenAI semconv up to 1.36: gen_ai.system, prompt/completion token names, content as events. */
  private static Span semconvOld(Map<String, Object> a, boolean content) {
    a.put("gen_ai.operation.name", "chat");
    a.put("gen_ai.system", "openai");
    a.put("gen_ai.request.model", MODEL);
    a.put("gen_ai.request.max_tokens", 1024L);
    a.put("gen_ai.response.id", "chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT");
    a.put("gen_ai.response.model", "gpt-4o-mini-2024-07-18");
    a.put("gen_ai.response.finish_reasons", List.of("stop"));
    a.put("gen_ai.usage.prompt_tokens", INPUT_TOKENS);
    a.put("gen_ai.usage.completion_tokens", OUTPUT_TOKENS);
    a.put("gen_ai.openai.response.system_fingerprint", "fp_0ba0d124f1");
    List<SpanEvent> events =
        content
            ? List.of(
                new SpanEvent("gen_ai.system.message", START + 1, Map.of("content", SYSTEM)),
                new SpanEvent("gen_ai.user.message", START + 2, Map.of("content", QUESTION)),
                new SpanEvent(
                    "gen_ai.choice",
                    START + 3,
                    Map.of(
                        "index",
                        0L,
                        "finish_reason",
                        "stop",
                        "message",
                        "{\"role\":\"assistant\",\"content\":\"" + ANSWER + "\"}")))
            : List.of();
    return new Span("chat " + MODEL, START, a, events);
  }

  /** OpenInference (Arize Phoenix): llm.*, token counts, input.value bodies, flattened messages. */
  private static Span openInference(Map<String, Object> a, boolean content) {
    a.put("openinference.span.kind", "LLM");
    a.put("llm.system", "openai");
    a.put("llm.provider", "openai");
    a.put("llm.model_name", "gpt-4o-mini-2024-07-18");
    a.put("llm.invocation_parameters", "{\"model\": \"" + MODEL + "\", \"temperature\": 0.2}");
    a.put("llm.token_count.prompt", INPUT_TOKENS);
    a.put("llm.token_count.completion", OUTPUT_TOKENS);
    a.put("llm.token_count.total", INPUT_TOKENS + OUTPUT_TOKENS);
    a.put("llm.token_count.prompt_details.cache_read", 1024L);
    if (content) {
      a.put(
          "input.value",
          "{\"messages\": [{\"role\": \"system\", \"content\": \""
              + SYSTEM
              + "\"}, {\"role\": \"user\", \"content\": \""
              + QUESTION
              + "\"}], \"model\": \""
              + MODEL
              + "\"}");
      a.put("input.mime_type", "application/json");
      a.put(
          "output.value",
          "{\"id\": \"chatcmpl-AbC123\", \"model\": \"gpt-4o-mini-2024-07-18\", \"choices\": [{\"index\": 0,"
              + " \"message\": {\"role\": \"assistant\", \"content\": \""
              + ANSWER
              + "\"}, \"finish_reason\": \"stop\"}]}");
      a.put("output.mime_type", "application/json");
      a.put("llm.input_messages.0.message.role", "system");
      a.put("llm.input_messages.0.message.content", SYSTEM);
      a.put("llm.input_messages.1.message.role", "user");
      a.put("llm.input_messages.1.message.content", QUESTION);
      a.put("llm.output_messages.0.message.role", "assistant");
      a.put("llm.output_messages.0.message.content", ANSWER);
    }
    return new Span("ChatCompletion", START, a, List.of());
  }

  /** OpenLLMetry (Traceloop) today: traceloop.*, llm.*, GenAI usage and message attributes. */
  private static Span openLlmetry(Map<String, Object> a, boolean content) {
    traceloop(a);
    a.put("gen_ai.usage.input_tokens", INPUT_TOKENS);
    a.put("gen_ai.usage.output_tokens", OUTPUT_TOKENS);
    a.put("gen_ai.usage.cache_read_input_tokens", 1024L);
    if (content) {
      a.put("gen_ai.input.messages", partsJson("user", QUESTION, null));
      a.put("gen_ai.output.messages", partsJson("assistant", ANSWER, "stop"));
    }
    return new Span("openai.chat", START, a, List.of());
  }

  /** OpenLLMetry's legacy names, still on the wire: gen_ai.prompt.N.* and gen_ai.completion.N.*. */
  private static Span legacyPromptN(Map<String, Object> a, boolean content) {
    traceloop(a);
    a.put("gen_ai.usage.prompt_tokens", INPUT_TOKENS);
    a.put("gen_ai.usage.completion_tokens", OUTPUT_TOKENS);
    if (content) {
      a.put("gen_ai.prompt.0.role", "system");
      a.put("gen_ai.prompt.0.content", SYSTEM);
      a.put("gen_ai.prompt.1.role", "user");
      a.put("gen_ai.prompt.1.content", QUESTION);
      a.put("gen_ai.completion.0.role", "assistant");
      a.put("gen_ai.completion.0.content", ANSWER);
      a.put("gen_ai.completion.0.finish_reason", "stop");
    }
    return new Span("openai.chat", START, a, List.of());
  }

  private static void traceloop(Map<String, Object> a) {
    a.put("llm.request.type", "chat");
    a.put("gen_ai.system", "OpenAI");
    a.put("gen_ai.request.model", MODEL);
    a.put("gen_ai.request.temperature", 0.2);
    a.put("gen_ai.response.model", "gpt-4o-mini-2024-07-18");
    a.put("gen_ai.response.id", "chatcmpl-AzX9");
    a.put("gen_ai.openai.api_base", "https://api.openai.com/v1/");
    a.put("llm.is_streaming", false);
    a.put("llm.usage.total_tokens", INPUT_TOKENS + OUTPUT_TOKENS);
    a.put("traceloop.workflow.name", "support_answer");
    a.put("traceloop.entity.path", "support_answer.answer");
    a.put("traceloop.association.properties.user_id", "user-17");
    a.put("traceloop.prompt.key", "support");
    a.put("traceloop.prompt.version", 3L);
  }

  private static String partsJson(String role, String text, String finishReason) {
    return "[{\"role\":\""
        + role
        + "\",\"parts\":[{\"type\":\"text\",\"content\":\""
        + text
        + "\"}]"
        + (finishReason == null ? "" : ",\"finish_reason\":\"" + finishReason + "\"")
        + "}]";
  }

  /** Plain words (no characters JSON would escape), about six bytes each. */
  private static String words(int count) {
    String[] pool = {
      "order", "refund", "parcel", "invoice", "status", "policy", "address", "tracking"
    };
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < count; i++) {
      out.append(pool[(i * 7 + 3) % pool.length]).append(i + 1 < count ? " " : ".");
    }
    return out.toString();
  }
}
