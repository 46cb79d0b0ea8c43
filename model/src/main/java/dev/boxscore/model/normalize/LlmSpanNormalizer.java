package dev.boxscore.model.normalize;

import static dev.boxscore.model.semconv.BoxscoreAttributes.PROMPT_FINGERPRINT;
import static dev.boxscore.model.semconv.BoxscoreAttributes.PROMPT_VERSION;
import static dev.boxscore.model.semconv.GenAiAttributes.ANTHROPIC_MESSAGE_STOP_REASON;
import static dev.boxscore.model.semconv.GenAiAttributes.COMPLETION;
import static dev.boxscore.model.semconv.GenAiAttributes.INPUT_MESSAGES;
import static dev.boxscore.model.semconv.GenAiAttributes.OPENAI_RESPONSE_SYSTEM_FINGERPRINT;
import static dev.boxscore.model.semconv.GenAiAttributes.OPENAI_RESPONSE_SYSTEM_FINGERPRINT_DEPRECATED;
import static dev.boxscore.model.semconv.GenAiAttributes.OP_EMBEDDINGS;
import static dev.boxscore.model.semconv.GenAiAttributes.OUTPUT_MESSAGES;
import static dev.boxscore.model.semconv.GenAiAttributes.PROMPT;
import static dev.boxscore.model.semconv.GenAiAttributes.PROMPT_NAME;
import static dev.boxscore.model.semconv.GenAiAttributes.PROVIDER_NAME;
import static dev.boxscore.model.semconv.GenAiAttributes.REQUEST_MODEL;
import static dev.boxscore.model.semconv.GenAiAttributes.REQUEST_STREAM;
import static dev.boxscore.model.semconv.GenAiAttributes.RESPONSE_FINISH_REASONS;
import static dev.boxscore.model.semconv.GenAiAttributes.RESPONSE_ID;
import static dev.boxscore.model.semconv.GenAiAttributes.RESPONSE_MODEL;
import static dev.boxscore.model.semconv.GenAiAttributes.RESPONSE_TIME_TO_FIRST_CHUNK;
import static dev.boxscore.model.semconv.GenAiAttributes.SYSTEM;
import static dev.boxscore.model.semconv.GenAiAttributes.SYSTEM_INSTRUCTIONS;
import static dev.boxscore.model.semconv.OpenInferenceAttributes.INPUT_MESSAGES_PREFIX;
import static dev.boxscore.model.semconv.OpenInferenceAttributes.INPUT_MIME_TYPE;
import static dev.boxscore.model.semconv.OpenInferenceAttributes.INPUT_VALUE;
import static dev.boxscore.model.semconv.OpenInferenceAttributes.LLM_FINISH_REASON;
import static dev.boxscore.model.semconv.OpenInferenceAttributes.LLM_INVOCATION_PARAMETERS;
import static dev.boxscore.model.semconv.OpenInferenceAttributes.LLM_MODEL_NAME;
import static dev.boxscore.model.semconv.OpenInferenceAttributes.LLM_PROMPT_TEMPLATE_VERSION;
import static dev.boxscore.model.semconv.OpenInferenceAttributes.LLM_PROVIDER;
import static dev.boxscore.model.semconv.OpenInferenceAttributes.LLM_REQUEST_MODEL_NAME;
import static dev.boxscore.model.semconv.OpenInferenceAttributes.LLM_RESPONSE_MODEL_NAME;
import static dev.boxscore.model.semconv.OpenInferenceAttributes.LLM_SYSTEM;
import static dev.boxscore.model.semconv.OpenInferenceAttributes.OUTPUT_MESSAGES_PREFIX;
import static dev.boxscore.model.semconv.OpenInferenceAttributes.OUTPUT_MIME_TYPE;
import static dev.boxscore.model.semconv.OpenInferenceAttributes.OUTPUT_VALUE;
import static dev.boxscore.model.semconv.OpenLlmetryAttributes.COMPLETION_PREFIX;
import static dev.boxscore.model.semconv.OpenLlmetryAttributes.LLM_IS_STREAMING;
import static dev.boxscore.model.semconv.OpenLlmetryAttributes.LLM_REQUEST_MODEL;
import static dev.boxscore.model.semconv.OpenLlmetryAttributes.LLM_RESPONSE_FINISH_REASON;
import static dev.boxscore.model.semconv.OpenLlmetryAttributes.LLM_RESPONSE_MODEL;
import static dev.boxscore.model.semconv.OpenLlmetryAttributes.LLM_RESPONSE_STOP_REASON;
import static dev.boxscore.model.semconv.OpenLlmetryAttributes.OPENAI_SYSTEM_FINGERPRINT;
import static dev.boxscore.model.semconv.OpenLlmetryAttributes.PROMPT_KEY;
import static dev.boxscore.model.semconv.OpenLlmetryAttributes.PROMPT_PREFIX;
import static dev.boxscore.model.semconv.OpenLlmetryAttributes.PROMPT_VERSION_HASH;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.boxscore.model.LlmCall;
import dev.boxscore.model.LlmDialect;
import dev.boxscore.model.semconv.OpenLlmetryAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Reads an LLM call out of a span written in any supported dialect: OpenTelemetry GenAI (current
 * and deprecated names, span attributes and events; also the Anthropic Java SDK's and the
 * OpenTelemetry Java agent's spans), OpenInference and OpenLLMetry.
 *
 * <p>Attribute values are OTLP AnyValues flattened by the caller: String, Long, Double, Boolean, or
 * List of those. Numbers sent as strings or doubles are coerced; values that cannot be read
 * (garbage, negative counts, non-JSON message content) are ignored, field by field: normalization
 * never throws on attribute content. Where several keys mean the same thing the current GenAI key
 * wins over a deprecated one, and GenAI over the other dialects.
 *
 * <p>Thread-safe and stateless.
 */
public final class LlmSpanNormalizer {

  /** Creates a normalizer; it holds no state, so one instance can serve every thread. */
  public LlmSpanNormalizer() {}

  /**
   * Like {@link #normalize(String, long, Map, List)} with an unknown span start, so time to first
   * token comes only from attributes, not from first-chunk events.
   */
  public Optional<LlmCall> normalize(
      String spanName, Map<String, Object> attributes, List<SpanEvent> events) {
    return normalize(spanName, 0L, attributes, events);
  }

  /**
   * The normalized LLM call of a span, or empty when the span is not a model call (HTTP, database,
   * agent, tool, workflow and chain spans; embeddings spans are model calls).
   *
   * @param spanName the span name; may be null
   * @param startTimeUnixNano span start, used to turn first-chunk event times into a time to first
   *     token; 0 if unknown
   * @param attributes span attributes; null is read as empty
   * @param events span events; null is read as empty
   */
  public Optional<LlmCall> normalize(
      String spanName,
      long startTimeUnixNano,
      Map<String, Object> attributes,
      List<SpanEvent> events) {
    Map<String, Object> attrs = attributes == null ? Map.of() : attributes;
    List<SpanEvent> evts =
        events == null ? List.of() : events.stream().filter(Objects::nonNull).toList();
    AttributeView view = new AttributeView(attrs, EventContent.operationDetails(evts));

    UsageReader.Result usageResult = UsageReader.read(view);
    if (!SpanKinds.isModelCall(view, evts, usageResult.anyReported())) {
      return Optional.empty();
    }
    Set<LlmDialect> dialects = Dialects.detect(attrs, evts);
    String operation = SpanKinds.operation(spanName, view);
    JsonNode invocation = MessageJson.parseStructured(view.text(LLM_INVOCATION_PARAMETERS));
    JsonNode outputBody = MessageJson.parseStructured(view.text(OUTPUT_VALUE));

    String requestModel = view.text(REQUEST_MODEL, LLM_REQUEST_MODEL_NAME);
    if (requestModel == null) {
      requestModel = jsonText(invocation, "model");
    }
    if (requestModel == null) {
      requestModel = view.text(LLM_REQUEST_MODEL, LLM_MODEL_NAME);
    }
    if (requestModel == null) {
      requestModel = SpanKinds.modelFromSpanName(spanName);
    }
    String responseModel =
        view.text(RESPONSE_MODEL, LLM_RESPONSE_MODEL_NAME, LLM_MODEL_NAME, LLM_RESPONSE_MODEL);

    ArrayNode inputMessages = input(view, evts);
    ArrayNode outputMessages =
        OP_EMBEDDINGS.equals(operation) ? null : output(view, evts, outputBody);

    Boolean streaming = view.bool(REQUEST_STREAM, LLM_IS_STREAMING);
    if (streaming == null && invocation != null && invocation.path("stream").isBoolean()) {
      streaming = invocation.get("stream").asBoolean();
    }

    String systemFingerprint =
        view.text(
            OPENAI_RESPONSE_SYSTEM_FINGERPRINT,
            OPENAI_RESPONSE_SYSTEM_FINGERPRINT_DEPRECATED,
            OPENAI_SYSTEM_FINGERPRINT);
    String responseId = view.text(RESPONSE_ID);
    if (outputBody != null) {
      systemFingerprint =
          systemFingerprint != null
              ? systemFingerprint
              : jsonText(outputBody, "system_fingerprint");
      responseId = responseId != null ? responseId : jsonText(outputBody, "id");
    }

    return Optional.of(
        new LlmCall(
            provider(spanName, view),
            operation,
            requestModel,
            responseModel,
            usageResult.usage(),
            timeToFirstTokenMs(view, evts, startTimeUnixNano),
            finishReasons(view, outputMessages, outputBody),
            responseId,
            streaming,
            systemFingerprint,
            view.label(PROMPT_NAME, PROMPT_KEY),
            view.label(
                PROMPT_VERSION, LLM_PROMPT_TEMPLATE_VERSION, OpenLlmetryAttributes.PROMPT_VERSION),
            view.label(PROMPT_FINGERPRINT, PROMPT_VERSION_HASH),
            MessageJson.write(inputMessages),
            MessageJson.write(outputMessages),
            dialects));
  }

  private static String provider(String spanName, AttributeView view) {
    String declared = view.text(PROVIDER_NAME, SYSTEM, LLM_PROVIDER, LLM_SYSTEM);
    if (declared != null) {
      return ProviderNames.normalize(declared);
    }
    // OpenLLMetry ("openai.chat") and the Anthropic SDK ("anthropic.messages.create") name spans
    // after the vendor.
    String first = SpanKinds.firstWord(spanName);
    return ProviderNames.isKnown(first) ? ProviderNames.normalize(first) : null;
  }

  private static Double timeToFirstTokenMs(
      AttributeView view, List<SpanEvent> events, long startTimeUnixNano) {
    Double seconds = view.nonNegative(RESPONSE_TIME_TO_FIRST_CHUNK);
    if (seconds != null) {
      return seconds * 1000.0;
    }
    return EventContent.timeToFirstChunkMs(events, startTimeUnixNano);
  }

  /**
   * Input messages from the first source that has them: {@code gen_ai.input.messages},
   * OpenInference {@code llm.input_messages.*}, OpenLLMetry {@code gen_ai.prompt.<i>.*}, GenAI
   * message events, the deprecated {@code gen_ai.prompt}, OpenInference {@code input.value}. System
   * instructions go first as a system message.
   */
  private static ArrayNode input(AttributeView view, List<SpanEvent> events) {
    Map<String, Object> attrs = view.attributes();
    ArrayNode messages = DialectMessages.genAiMessages(view.raw(INPUT_MESSAGES), "user");
    if (messages == null) {
      messages = FlattenedMessages.openInference(attrs, INPUT_MESSAGES_PREFIX, "user");
    }
    if (messages == null) {
      messages = FlattenedMessages.openLlmetry(attrs, PROMPT_PREFIX, "user");
    }
    if (messages == null) {
      messages = EventContent.input(events);
    }
    if (messages == null) {
      messages = DialectMessages.fromLooseContent(view.text(PROMPT), "user");
    }
    if (messages == null) {
      messages = fromValue(view.text(INPUT_VALUE), view.text(INPUT_MIME_TYPE), "user");
    }
    ObjectNode system = DialectMessages.systemInstructions(view.raw(SYSTEM_INSTRUCTIONS));
    if (system != null) {
      messages = messages == null ? MessageJson.newArray() : messages;
      messages.insert(0, system);
    }
    return messages;
  }

  /** Output messages, with the same source order as {@link #input}. */
  private static ArrayNode output(AttributeView view, List<SpanEvent> events, JsonNode outputBody) {
    Map<String, Object> attrs = view.attributes();
    ArrayNode messages = DialectMessages.genAiMessages(view.raw(OUTPUT_MESSAGES), "assistant");
    if (messages == null) {
      messages = FlattenedMessages.openInference(attrs, OUTPUT_MESSAGES_PREFIX, "assistant");
    }
    if (messages == null) {
      messages = FlattenedMessages.openLlmetry(attrs, COMPLETION_PREFIX, "assistant");
    }
    if (messages == null) {
      messages = EventContent.output(events);
    }
    if (messages == null) {
      messages = DialectMessages.fromLooseContent(view.text(COMPLETION), "assistant");
    }
    if (messages == null && outputBody != null) {
      messages = DialectMessages.fromBody(outputBody, "assistant");
    }
    if (messages == null) {
      messages = fromValue(view.text(OUTPUT_VALUE), view.text(OUTPUT_MIME_TYPE), "assistant");
    }
    return messages;
  }

  /**
   * OpenInference input.value / output.value: a JSON request/response body, or plain text as one
   * message.
   */
  private static ArrayNode fromValue(String value, String mimeType, String role) {
    if (value == null) {
      return null;
    }
    JsonNode body = MessageJson.parseStructured(value);
    ArrayNode messages = body != null ? DialectMessages.fromBody(body, role) : null;
    if (messages != null) {
      return messages;
    }
    ObjectNode message = MessageJson.message(role);
    MessageJson.parts(message).add(MessageJson.textPart(value));
    ArrayNode out = MessageJson.newArray();
    out.add(message);
    return out;
  }

  /**
   * Finish reasons: {@code gen_ai.response.finish_reasons}, else the single-reason keys of the
   * Anthropic SDK, OpenLLMetry and OpenInference, else the {@code finish_reason} of each output
   * message, else those of the response body in {@code output.value}.
   */
  private static List<String> finishReasons(
      AttributeView view, ArrayNode outputMessages, JsonNode outputBody) {
    List<String> reasons = listOrJsonArray(view.raw(RESPONSE_FINISH_REASONS));
    for (String key :
        List.of(
            ANTHROPIC_MESSAGE_STOP_REASON,
            LLM_RESPONSE_FINISH_REASON,
            LLM_RESPONSE_STOP_REASON,
            LLM_FINISH_REASON)) {
      if (!reasons.isEmpty()) {
        break;
      }
      reasons = listOrJsonArray(view.raw(key));
    }
    if (reasons.isEmpty()) {
      reasons = messageFinishReasons(outputMessages);
    }
    if (reasons.isEmpty() && outputBody != null) {
      // OpenInference flattens output messages without finish reasons; the response body in
      // output.value has them.
      reasons = messageFinishReasons(DialectMessages.fromBody(outputBody, "assistant"));
    }
    return reasons;
  }

  private static List<String> messageFinishReasons(ArrayNode messages) {
    List<String> reasons = new ArrayList<>();
    if (messages != null) {
      for (JsonNode message : messages) {
        String reason = MessageJson.textOrNull(message.path(MessageJson.FINISH_REASON));
        if (reason != null) {
          reasons.add(reason);
        }
      }
    }
    return reasons;
  }

  /** A list value, or a string holding a JSON array of strings, or a single string. */
  private static List<String> listOrJsonArray(Object value) {
    if (value instanceof String s) {
      JsonNode node = MessageJson.parseStructured(s);
      if (node != null && node.isArray()) {
        List<String> out = new ArrayList<>();
        node.forEach(
            n -> {
              if (n.isTextual() && !n.asText().isBlank()) {
                out.add(n.asText());
              }
            });
        return out;
      }
    }
    return AttributeValues.texts(value);
  }

  private static String jsonText(JsonNode node, String field) {
    return node == null ? null : MessageJson.textOrNull(node.path(field));
  }
}
