package dev.boxscore.model.normalize;

import static dev.boxscore.model.semconv.GenAiAttributes.COMPLETION;
import static dev.boxscore.model.semconv.GenAiAttributes.INPUT_MESSAGES;
import static dev.boxscore.model.semconv.GenAiAttributes.OPERATION_NAME;
import static dev.boxscore.model.semconv.GenAiAttributes.OP_CHAT;
import static dev.boxscore.model.semconv.GenAiAttributes.OP_EMBEDDINGS;
import static dev.boxscore.model.semconv.GenAiAttributes.OP_GENERATE_CONTENT;
import static dev.boxscore.model.semconv.GenAiAttributes.OP_TEXT_COMPLETION;
import static dev.boxscore.model.semconv.GenAiAttributes.OUTPUT_MESSAGES;
import static dev.boxscore.model.semconv.GenAiAttributes.PROMPT;
import static dev.boxscore.model.semconv.GenAiAttributes.REQUEST_MODEL;
import static dev.boxscore.model.semconv.GenAiAttributes.RESPONSE_MODEL;
import static dev.boxscore.model.semconv.OpenInferenceAttributes.INPUT_MESSAGES_PREFIX;
import static dev.boxscore.model.semconv.OpenInferenceAttributes.KIND_EMBEDDING;
import static dev.boxscore.model.semconv.OpenInferenceAttributes.KIND_LLM;
import static dev.boxscore.model.semconv.OpenInferenceAttributes.LLM_MODEL_NAME;
import static dev.boxscore.model.semconv.OpenInferenceAttributes.LLM_REQUEST_MODEL_NAME;
import static dev.boxscore.model.semconv.OpenInferenceAttributes.LLM_RESPONSE_MODEL_NAME;
import static dev.boxscore.model.semconv.OpenInferenceAttributes.OUTPUT_MESSAGES_PREFIX;
import static dev.boxscore.model.semconv.OpenInferenceAttributes.SPAN_KIND;
import static dev.boxscore.model.semconv.OpenLlmetryAttributes.COMPLETION_PREFIX;
import static dev.boxscore.model.semconv.OpenLlmetryAttributes.LLM_REQUEST_MODEL;
import static dev.boxscore.model.semconv.OpenLlmetryAttributes.LLM_REQUEST_TYPE;
import static dev.boxscore.model.semconv.OpenLlmetryAttributes.LLM_RESPONSE_MODEL;
import static dev.boxscore.model.semconv.OpenLlmetryAttributes.PROMPT_PREFIX;
import static dev.boxscore.model.semconv.OpenLlmetryAttributes.TRACELOOP_SPAN_KIND;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Decides whether a span is a model call (chat, completion, embeddings, ...) and which operation it
 * is.
 */
final class SpanKinds {

  /** GenAI operations that wrap model calls rather than being one. */
  private static final Set<String> NOT_MODEL_CALLS =
      Set.of(
          "execute_tool", "invoke_agent", "create_agent", "invoke_workflow", "retrieval", "plan");

  private static final Set<String> SPAN_NAME_OPERATIONS =
      Set.of(OP_CHAT, OP_TEXT_COMPLETION, OP_GENERATE_CONTENT, OP_EMBEDDINGS);

  private SpanKinds() {}

  /**
   * Explicit labels decide first, in this order: OpenInference span kind (LLM / EMBEDDING only),
   * GenAI operation name (agent, tool, workflow, retrieval, plan and memory operations are not
   * model calls), OpenLLMetry request type, OpenLLMetry span kind (workflow / task / agent / tool
   * are not). An unlabeled span is a model call when it names a model AND shows usage, a response
   * model or message content (so the Anthropic SDK's count_tokens span, which names a model only,
   * is not).
   */
  static boolean isModelCall(AttributeView view, List<SpanEvent> events, boolean hasUsage) {
    String openInferenceKind = view.text(SPAN_KIND);
    if (openInferenceKind != null) {
      return openInferenceKind.equalsIgnoreCase(KIND_LLM)
          || openInferenceKind.equalsIgnoreCase(KIND_EMBEDDING);
    }
    String operation = view.text(OPERATION_NAME);
    if (operation != null) {
      String op = operation.toLowerCase(Locale.ROOT);
      return !NOT_MODEL_CALLS.contains(op) && !op.contains("memory");
    }
    if (view.text(LLM_REQUEST_TYPE) != null) {
      return true;
    }
    if (view.text(TRACELOOP_SPAN_KIND) != null) {
      return false;
    }
    boolean namesModel =
        view.text(
                REQUEST_MODEL,
                RESPONSE_MODEL,
                LLM_MODEL_NAME,
                LLM_REQUEST_MODEL_NAME,
                LLM_RESPONSE_MODEL_NAME,
                LLM_REQUEST_MODEL,
                LLM_RESPONSE_MODEL)
            != null;
    boolean hasResponseModel =
        view.text(RESPONSE_MODEL, LLM_RESPONSE_MODEL_NAME, LLM_RESPONSE_MODEL) != null;
    return namesModel && (hasUsage || hasResponseModel || hasContent(view, events));
  }

  /** The normalized operation, or null when nothing says. */
  static String operation(String spanName, AttributeView view) {
    String operation = view.text(OPERATION_NAME);
    if (operation != null) {
      return normalizeOperation(operation);
    }
    String requestType = view.text(LLM_REQUEST_TYPE);
    if (requestType != null) {
      return normalizeOperation(requestType);
    }
    String kind = view.text(SPAN_KIND);
    if (kind != null) {
      return kind.equalsIgnoreCase(KIND_EMBEDDING) ? OP_EMBEDDINGS : OP_CHAT;
    }
    String first = firstWord(spanName);
    return first != null && SPAN_NAME_OPERATIONS.contains(first) ? first : null;
  }

  /** "{operation} {model}" span names carry the model as the second word. */
  static String modelFromSpanName(String spanName) {
    if (spanName == null) {
      return null;
    }
    String[] words = spanName.trim().split("\\s+");
    return words.length == 2 && SPAN_NAME_OPERATIONS.contains(words[0].toLowerCase(Locale.ROOT))
        ? words[1]
        : null;
  }

  static String firstWord(String spanName) {
    if (spanName == null || spanName.isBlank()) {
      return null;
    }
    return spanName.trim().split("[\\s.]", 2)[0].toLowerCase(Locale.ROOT);
  }

  private static String normalizeOperation(String raw) {
    String op = raw.trim().toLowerCase(Locale.ROOT);
    return switch (op) {
      case "completion", "completions", "text_completion" -> OP_TEXT_COMPLETION;
      case "embedding", "embeddings" -> OP_EMBEDDINGS;
      case "chat", "chat_completion", "chat_completions" -> OP_CHAT;
      default -> op;
    };
  }

  private static boolean hasContent(AttributeView view, List<SpanEvent> events) {
    if (view.has(INPUT_MESSAGES)
        || view.has(OUTPUT_MESSAGES)
        || view.has(PROMPT)
        || view.has(COMPLETION)) {
      return true;
    }
    var attributes = view.attributes();
    if (FlattenedMessages.present(attributes, PROMPT_PREFIX)
        || FlattenedMessages.present(attributes, COMPLETION_PREFIX)
        || FlattenedMessages.present(attributes, INPUT_MESSAGES_PREFIX)
        || FlattenedMessages.present(attributes, OUTPUT_MESSAGES_PREFIX)) {
      return true;
    }
    return EventContent.input(events) != null || EventContent.output(events) != null;
  }
}
