package dev.boxscore.model.semconv;

/**
 * OpenLLMetry (Traceloop) keys that Boxscore reads, including the legacy flattened message keys
 * {@code gen_ai.prompt.<i>.role|content} and {@code
 * gen_ai.completion.<i>.role|content|finish_reason}. OpenLLMetry also sends some GenAI keys ({@code
 * gen_ai.system}, {@code gen_ai.request.model}); those live in {@link GenAiAttributes}.
 */
public final class OpenLlmetryAttributes {

  /** workflow / task / agent / tool / unknown: never set on the LLM call span itself. */
  public static final String TRACELOOP_SPAN_KIND = "traceloop.span.kind";

  public static final String TRACELOOP_PREFIX = "traceloop.";
  public static final String PROMPT_KEY = "traceloop.prompt.key";
  public static final String PROMPT_VERSION = "traceloop.prompt.version";
  public static final String PROMPT_VERSION_HASH = "traceloop.prompt.version_hash";

  /** The managed prompt's template text. */
  public static final String PROMPT_TEMPLATE = "traceloop.prompt.template";

  /** completion / chat / rerank / embedding. */
  public static final String LLM_REQUEST_TYPE = "llm.request.type";

  public static final String LLM_IS_STREAMING = "llm.is_streaming";
  public static final String LLM_USAGE_TOTAL_TOKENS = "llm.usage.total_tokens";
  public static final String LLM_USAGE_PROMPT_TOKENS = "llm.usage.prompt_tokens";
  public static final String LLM_USAGE_COMPLETION_TOKENS = "llm.usage.completion_tokens";
  public static final String LLM_USAGE_PREFIX = "llm.usage.";
  public static final String LLM_RESPONSE_FINISH_REASON = "llm.response.finish_reason";
  public static final String LLM_RESPONSE_STOP_REASON = "llm.response.stop_reason";

  /** Very old OpenLLMetry releases put the models here. */
  public static final String LLM_REQUEST_MODEL = "llm.request.model";

  public static final String LLM_RESPONSE_MODEL = "llm.response.model";

  public static final String USAGE_CACHE_READ_INPUT_TOKENS = "gen_ai.usage.cache_read_input_tokens";
  public static final String USAGE_CACHE_CREATION_INPUT_TOKENS =
      "gen_ai.usage.cache_creation_input_tokens";
  public static final String USAGE_REASONING_TOKENS = "gen_ai.usage.reasoning_tokens";
  public static final String OPENAI_SYSTEM_FINGERPRINT = "gen_ai.openai.system_fingerprint";

  /**
   * Legacy flattened messages: {@code gen_ai.prompt.<i>.<field>} and {@code
   * gen_ai.completion.<i>.<field>}.
   */
  public static final String PROMPT_PREFIX = "gen_ai.prompt.";

  public static final String COMPLETION_PREFIX = "gen_ai.completion.";
  public static final String FIELD_ROLE = "role";
  public static final String FIELD_CONTENT = "content";
  public static final String FIELD_FINISH_REASON = "finish_reason";
  public static final String FIELD_TOOL_CALL_ID = "tool_call_id";

  /** {@code tool_calls.<k>.id|name|arguments}. */
  public static final String FIELD_TOOL_CALLS_PREFIX = "tool_calls.";

  /** Span event OpenLLMetry adds per streamed chunk. */
  public static final String EVENT_COMPLETION_CHUNK = "llm.content.completion.chunk";

  private OpenLlmetryAttributes() {}
}
