package dev.boxscore.model.semconv;

/**
 * OpenTelemetry GenAI semantic-convention keys (Development status) that Boxscore reads, current
 * and deprecated, plus the vendor keys GenAI-style SDKs put next to them.
 *
 * <p>Current names follow open-telemetry/semantic-conventions-genai; deprecated names are what
 * instrumentations built on semconv v1.36.0 or earlier still send. When both are present the
 * normalizer prefers the current name.
 */
public final class GenAiAttributes {

  // --- general OTel keys a GenAI client span carries (Boxscore's LLM judge sets them) ---
  /** The resource's service. */
  public static final String SERVICE_NAME = "service.name";

  /** Why the operation failed: an HTTP status or an exception's class name. */
  public static final String ERROR_TYPE = "error.type";

  // --- core request / response ---
  public static final String OPERATION_NAME = "gen_ai.operation.name";
  public static final String PROVIDER_NAME = "gen_ai.provider.name";
  public static final String REQUEST_MODEL = "gen_ai.request.model";
  public static final String REQUEST_STREAM = "gen_ai.request.stream";
  public static final String RESPONSE_ID = "gen_ai.response.id";
  public static final String RESPONSE_MODEL = "gen_ai.response.model";
  public static final String RESPONSE_FINISH_REASONS = "gen_ai.response.finish_reasons";

  /** Seconds from request to the first streamed chunk. */
  public static final String RESPONSE_TIME_TO_FIRST_CHUNK = "gen_ai.response.time_to_first_chunk";

  public static final String PROMPT_NAME = "gen_ai.prompt.name";

  // --- usage ---
  /** Total input tokens, cached ones included. */
  public static final String USAGE_INPUT_TOKENS = "gen_ai.usage.input_tokens";

  /** Output tokens, reasoning tokens included. */
  public static final String USAGE_OUTPUT_TOKENS = "gen_ai.usage.output_tokens";

  public static final String USAGE_CACHE_READ_INPUT_TOKENS = "gen_ai.usage.cache_read.input_tokens";
  public static final String USAGE_CACHE_CREATION_INPUT_TOKENS =
      "gen_ai.usage.cache_creation.input_tokens";

  /** Spelling used by the Anthropic Java SDK and the newer token metrics for cache creation. */
  public static final String USAGE_CACHE_WRITE_INPUT_TOKENS =
      "gen_ai.usage.cache_write.input_tokens";

  public static final String USAGE_REASONING_OUTPUT_TOKENS = "gen_ai.usage.reasoning.output_tokens";

  /** Not in the registry, but sent by several SDKs next to input/output. */
  public static final String USAGE_TOTAL_TOKENS = "gen_ai.usage.total_tokens";

  // --- content (opt-in), JSON strings ---
  public static final String INPUT_MESSAGES = "gen_ai.input.messages";
  public static final String OUTPUT_MESSAGES = "gen_ai.output.messages";
  public static final String SYSTEM_INSTRUCTIONS = "gen_ai.system_instructions";

  // --- deprecated names ---
  /**
   * Deprecated: use {@link #PROVIDER_NAME}. Values differ too (e.g. "az.ai.openai", "vertex_ai").
   */
  public static final String SYSTEM = "gen_ai.system";

  /** Deprecated: use {@link #USAGE_INPUT_TOKENS}. */
  public static final String USAGE_PROMPT_TOKENS = "gen_ai.usage.prompt_tokens";

  /** Deprecated: use {@link #USAGE_OUTPUT_TOKENS}. */
  public static final String USAGE_COMPLETION_TOKENS = "gen_ai.usage.completion_tokens";

  /** Deprecated: the whole prompt as one string (often OpenAI-style JSON messages). */
  public static final String PROMPT = "gen_ai.prompt";

  /** Deprecated: the whole completion as one string. */
  public static final String COMPLETION = "gen_ai.completion";

  /** Deprecated: use {@link #OPENAI_RESPONSE_SYSTEM_FINGERPRINT}. */
  public static final String OPENAI_RESPONSE_SYSTEM_FINGERPRINT_DEPRECATED =
      "gen_ai.openai.response.system_fingerprint";

  // --- provider-specific keys of the GenAI registry and of GenAI-style SDKs ---
  public static final String OPENAI_RESPONSE_SYSTEM_FINGERPRINT =
      "openai.response.system_fingerprint";

  /**
   * Anthropic Java SDK: the raw stop reason ("end_turn", "tool_use", ...); it sends no
   * finish_reasons.
   */
  public static final String ANTHROPIC_MESSAGE_STOP_REASON = "anthropic.message.stop_reason";

  // --- events ---
  /** Opt-in event carrying messages, parameters and usage with the same keys as the span. */
  public static final String EVENT_INFERENCE_OPERATION_DETAILS =
      "gen_ai.client.inference.operation.details";

  /** Old event name; attribute {@link #PROMPT} holds the prompt. */
  public static final String EVENT_CONTENT_PROMPT = "gen_ai.content.prompt";

  /** Old event name; attribute {@link #COMPLETION} holds the completion. */
  public static final String EVENT_CONTENT_COMPLETION = "gen_ai.content.completion";

  public static final String EVENT_SYSTEM_MESSAGE = "gen_ai.system.message";
  public static final String EVENT_USER_MESSAGE = "gen_ai.user.message";
  public static final String EVENT_ASSISTANT_MESSAGE = "gen_ai.assistant.message";
  public static final String EVENT_TOOL_MESSAGE = "gen_ai.tool.message";
  public static final String EVENT_CHOICE = "gen_ai.choice";

  /**
   * Attribute of the per-message events holding the event body as JSON when it is sent as a span
   * event.
   */
  public static final String EVENT_CONTENT = "gen_ai.event.content";

  /**
   * Plain attributes of the per-message events when their body is flattened into the span event.
   */
  public static final String EVENT_ATTR_CONTENT = "content";

  public static final String EVENT_ATTR_ROLE = "role";
  public static final String EVENT_ATTR_MESSAGE = "message";
  public static final String EVENT_ATTR_FINISH_REASON = "finish_reason";
  public static final String EVENT_ATTR_TOOL_CALLS = "tool_calls";
  public static final String EVENT_ATTR_ID = "id";

  // --- well-known operation names ---
  public static final String OP_CHAT = "chat";
  public static final String OP_TEXT_COMPLETION = "text_completion";
  public static final String OP_GENERATE_CONTENT = "generate_content";
  public static final String OP_EMBEDDINGS = "embeddings";

  private GenAiAttributes() {}
}
