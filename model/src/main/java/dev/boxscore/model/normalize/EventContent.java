package dev.boxscore.model.normalize;

import static dev.boxscore.model.semconv.GenAiAttributes.COMPLETION;
import static dev.boxscore.model.semconv.GenAiAttributes.EVENT_ASSISTANT_MESSAGE;
import static dev.boxscore.model.semconv.GenAiAttributes.EVENT_ATTR_CONTENT;
import static dev.boxscore.model.semconv.GenAiAttributes.EVENT_ATTR_FINISH_REASON;
import static dev.boxscore.model.semconv.GenAiAttributes.EVENT_ATTR_ID;
import static dev.boxscore.model.semconv.GenAiAttributes.EVENT_ATTR_MESSAGE;
import static dev.boxscore.model.semconv.GenAiAttributes.EVENT_ATTR_ROLE;
import static dev.boxscore.model.semconv.GenAiAttributes.EVENT_ATTR_TOOL_CALLS;
import static dev.boxscore.model.semconv.GenAiAttributes.EVENT_CHOICE;
import static dev.boxscore.model.semconv.GenAiAttributes.EVENT_CONTENT;
import static dev.boxscore.model.semconv.GenAiAttributes.EVENT_CONTENT_COMPLETION;
import static dev.boxscore.model.semconv.GenAiAttributes.EVENT_CONTENT_PROMPT;
import static dev.boxscore.model.semconv.GenAiAttributes.EVENT_INFERENCE_OPERATION_DETAILS;
import static dev.boxscore.model.semconv.GenAiAttributes.EVENT_SYSTEM_MESSAGE;
import static dev.boxscore.model.semconv.GenAiAttributes.EVENT_TOOL_MESSAGE;
import static dev.boxscore.model.semconv.GenAiAttributes.EVENT_USER_MESSAGE;
import static dev.boxscore.model.semconv.GenAiAttributes.PROMPT;
import static dev.boxscore.model.semconv.OpenInferenceAttributes.EVENT_FIRST_TOKEN;
import static dev.boxscore.model.semconv.OpenLlmetryAttributes.EVENT_COMPLETION_CHUNK;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * What span events say about an LLM call: message content, the details event, and the first
 * streamed chunk.
 */
final class EventContent {

  private static final Map<String, String> MESSAGE_EVENT_ROLES =
      Map.of(
          EVENT_SYSTEM_MESSAGE, "system",
          EVENT_USER_MESSAGE, "user",
          EVENT_ASSISTANT_MESSAGE, "assistant",
          EVENT_TOOL_MESSAGE, "tool");

  private EventContent() {}

  /**
   * Attributes of the first {@code gen_ai.client.inference.operation.details} event, or an empty
   * map.
   */
  static Map<String, Object> operationDetails(List<SpanEvent> events) {
    for (SpanEvent event : events) {
      if (EVENT_INFERENCE_OPERATION_DETAILS.equals(event.name())) {
        return event.attributes();
      }
    }
    return Map.of();
  }

  /**
   * Input messages from per-message events, else from the old {@code gen_ai.content.prompt} event;
   * or null.
   */
  static ArrayNode input(List<SpanEvent> events) {
    ArrayNode out = MessageJson.newArray();
    for (SpanEvent event : events) {
      String role = MESSAGE_EVENT_ROLES.get(event.name());
      if (role != null) {
        out.add(DialectMessages.fromOpenAiStyle(body(event.attributes(), role), role));
      }
    }
    if (!out.isEmpty()) {
      return out;
    }
    for (SpanEvent event : events) {
      if (EVENT_CONTENT_PROMPT.equals(event.name())) {
        return DialectMessages.fromLooseContent(
            AttributeValues.text(event.attributes().get(PROMPT)), "user");
      }
    }
    return null;
  }

  /**
   * Output messages from {@code gen_ai.choice} events, else from {@code gen_ai.content.completion};
   * or null.
   */
  static ArrayNode output(List<SpanEvent> events) {
    ArrayNode out = MessageJson.newArray();
    for (SpanEvent event : events) {
      if (!EVENT_CHOICE.equals(event.name())) {
        continue;
      }
      ObjectNode choice = body(event.attributes(), "assistant");
      JsonNode message = choice.path(EVENT_ATTR_MESSAGE);
      if (message.isTextual()) {
        message = MessageJson.parseStructured(message.asText());
      }
      ObjectNode converted =
          message != null && message.isObject()
              ? DialectMessages.fromOpenAiStyle(message, "assistant")
              : MessageJson.message("assistant");
      String finishReason = MessageJson.textOrNull(choice.path(EVENT_ATTR_FINISH_REASON));
      if (finishReason != null) {
        converted.put(MessageJson.FINISH_REASON, finishReason);
      }
      out.add(converted);
    }
    if (!out.isEmpty()) {
      return out;
    }
    for (SpanEvent event : events) {
      if (EVENT_CONTENT_COMPLETION.equals(event.name())) {
        return DialectMessages.fromLooseContent(
            AttributeValues.text(event.attributes().get(COMPLETION)), "assistant");
      }
    }
    return null;
  }

  /**
   * Milliseconds from span start to the earliest first-chunk event (OpenInference "First Token
   * Stream Event", OpenLLMetry chunk events); null when the start or no such event is known.
   */
  static Double timeToFirstChunkMs(List<SpanEvent> events, long startTimeUnixNano) {
    if (startTimeUnixNano <= 0) {
      return null;
    }
    long earliest = Long.MAX_VALUE;
    for (SpanEvent event : events) {
      boolean firstChunk =
          EVENT_FIRST_TOKEN.equals(event.name()) || EVENT_COMPLETION_CHUNK.equals(event.name());
      if (firstChunk && event.timeUnixNano() >= startTimeUnixNano) {
        earliest = Math.min(earliest, event.timeUnixNano());
      }
    }
    return earliest == Long.MAX_VALUE ? null : (earliest - startTimeUnixNano) / 1_000_000.0;
  }

  /**
   * The event body as an OpenAI-style object: the JSON in {@code gen_ai.event.content} when
   * present, else built from the flattened attributes {@code role}, {@code content}, {@code
   * tool_calls}, {@code id}, {@code message}, {@code finish_reason}.
   */
  private static ObjectNode body(Map<String, Object> attributes, String role) {
    JsonNode json =
        MessageJson.parseStructured(AttributeValues.text(attributes.get(EVENT_CONTENT)));
    if (json != null && json.isObject()) {
      return (ObjectNode) json;
    }
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    String explicitRole = AttributeValues.text(attributes.get(EVENT_ATTR_ROLE));
    body.put(MessageJson.ROLE, explicitRole != null ? explicitRole : role);
    String content = AttributeValues.text(attributes.get(EVENT_ATTR_CONTENT));
    if (content != null) {
      JsonNode blocks = MessageJson.parseStructured(content);
      if (blocks != null && blocks.isArray()) {
        body.set(MessageJson.CONTENT, blocks);
      } else {
        body.put(MessageJson.CONTENT, content);
      }
    }
    JsonNode toolCalls =
        MessageJson.parseStructured(AttributeValues.text(attributes.get(EVENT_ATTR_TOOL_CALLS)));
    if (toolCalls != null && toolCalls.isArray()) {
      body.set(EVENT_ATTR_TOOL_CALLS, toolCalls);
    }
    String id = AttributeValues.text(attributes.get(EVENT_ATTR_ID));
    if (id != null) {
      body.put("tool_call_id", id);
    }
    String message = AttributeValues.text(attributes.get(EVENT_ATTR_MESSAGE));
    if (message != null) {
      body.put(EVENT_ATTR_MESSAGE, message);
    }
    String finishReason = AttributeValues.text(attributes.get(EVENT_ATTR_FINISH_REASON));
    if (finishReason != null) {
      body.put(EVENT_ATTR_FINISH_REASON, finishReason);
    }
    return body;
  }
}
