package dev.boxscore.model.semconv;

/**
 * OpenInference (Arize Phoenix) keys that Boxscore reads. Messages are flattened as {@code
 * llm.input_messages.<i>.message.<field>}; the prefixes and field suffixes are below.
 */
public final class OpenInferenceAttributes {

  public static final String SPAN_KIND = "openinference.span.kind";
  public static final String KIND_LLM = "LLM";
  public static final String KIND_EMBEDDING = "EMBEDDING";

  public static final String INPUT_VALUE = "input.value";
  public static final String INPUT_MIME_TYPE = "input.mime_type";
  public static final String OUTPUT_VALUE = "output.value";
  public static final String OUTPUT_MIME_TYPE = "output.mime_type";
  public static final String MIME_JSON = "application/json";

  /** The model that served the call (usually the response model). */
  public static final String LLM_MODEL_NAME = "llm.model_name";

  public static final String LLM_REQUEST_MODEL_NAME = "llm.request.model_name";
  public static final String LLM_RESPONSE_MODEL_NAME = "llm.response.model_name";
  public static final String LLM_PROVIDER = "llm.provider";
  public static final String LLM_SYSTEM = "llm.system";

  /** JSON object of request parameters ("model", "stream", ...). */
  public static final String LLM_INVOCATION_PARAMETERS = "llm.invocation_parameters";

  public static final String LLM_FINISH_REASON = "llm.finish_reason";
  public static final String LLM_PROMPT_TEMPLATE_VERSION = "llm.prompt_template.version";

  /** The prompt template's text, before its variables are filled in. */
  public static final String LLM_PROMPT_TEMPLATE = "llm.prompt_template.template";

  /** Prompt tokens, cache reads and writes included. */
  public static final String TOKEN_COUNT_PROMPT = "llm.token_count.prompt";

  public static final String TOKEN_COUNT_COMPLETION = "llm.token_count.completion";
  public static final String TOKEN_COUNT_TOTAL = "llm.token_count.total";
  public static final String TOKEN_COUNT_PROMPT_CACHE_READ =
      "llm.token_count.prompt_details.cache_read";
  public static final String TOKEN_COUNT_PROMPT_CACHE_WRITE =
      "llm.token_count.prompt_details.cache_write";
  public static final String TOKEN_COUNT_COMPLETION_REASONING =
      "llm.token_count.completion_details.reasoning";

  public static final String INPUT_MESSAGES_PREFIX = "llm.input_messages.";
  public static final String OUTPUT_MESSAGES_PREFIX = "llm.output_messages.";

  /** Suffixes after {@code <prefix><i>.}. */
  public static final String MESSAGE_ROLE = "message.role";

  public static final String MESSAGE_CONTENT = "message.content";
  public static final String MESSAGE_NAME = "message.name";
  public static final String MESSAGE_TOOL_CALL_ID = "message.tool_call_id";

  /** {@code message.contents.<j>.message_content.type|text}. */
  public static final String MESSAGE_CONTENTS_PREFIX = "message.contents.";

  public static final String MESSAGE_CONTENT_TYPE = "message_content.type";
  public static final String MESSAGE_CONTENT_TEXT = "message_content.text";

  /** {@code message.tool_calls.<k>.tool_call.id|function.name|function.arguments}. */
  public static final String MESSAGE_TOOL_CALLS_PREFIX = "message.tool_calls.";

  public static final String TOOL_CALL_ID = "tool_call.id";
  public static final String TOOL_CALL_FUNCTION_NAME = "tool_call.function.name";
  public static final String TOOL_CALL_FUNCTION_ARGUMENTS = "tool_call.function.arguments";

  /** Span event the OpenInference instrumentations add when the first streamed token arrives. */
  public static final String EVENT_FIRST_TOKEN = "First Token Stream Event";

  private OpenInferenceAttributes() {}
}
