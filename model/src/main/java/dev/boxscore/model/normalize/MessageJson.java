package dev.boxscore.model.normalize;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Builds messages in the GenAI {@code gen_ai.input.messages} / {@code gen_ai.output.messages} form:
 * {@code [{"role":"user","parts":[{"type":"text","content":"..."}]}]}, and reads and writes their
 * JSON text. {@link DialectMessages} converts other dialects' shapes into it.
 */
final class MessageJson {

  static final String ROLE = "role";
  static final String PARTS = "parts";
  static final String TYPE = "type";
  static final String CONTENT = "content";
  static final String FINISH_REASON = "finish_reason";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  static {
    // Message JSON is user content: allow long strings but keep nesting bounded.
    MAPPER
        .getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder()
                .maxStringLength(Integer.MAX_VALUE)
                .maxNestingDepth(200)
                .build());
  }

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private MessageJson() {}

  static ArrayNode newArray() {
    return NODES.arrayNode();
  }

  /** Compact JSON text of the messages, or null when there are none. */
  static String write(ArrayNode messages) {
    if (messages == null || messages.isEmpty()) {
      return null;
    }
    try {
      return MAPPER.writeValueAsString(messages);
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  /** Parses JSON text; null if the text is not JSON. */
  static JsonNode parse(String text) {
    if (text == null) {
      return null;
    }
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException | RuntimeException notJson) {
      return null;
    }
  }

  /** Parses a JSON string only when it looks like a JSON object or array. */
  static JsonNode parseStructured(String text) {
    if (text == null) {
      return null;
    }
    String trimmed = text.trim();
    if (trimmed.startsWith("[") || trimmed.startsWith("{")) {
      JsonNode node = parse(trimmed);
      return node != null && node.isContainerNode() ? node : null;
    }
    return null;
  }

  static ObjectNode message(String role) {
    ObjectNode message = NODES.objectNode();
    message.put(ROLE, role);
    message.set(PARTS, NODES.arrayNode());
    return message;
  }

  static ArrayNode parts(ObjectNode message) {
    return (ArrayNode) message.get(PARTS);
  }

  static ObjectNode textPart(String content) {
    ObjectNode part = NODES.objectNode();
    part.put(TYPE, "text");
    part.put(CONTENT, content);
    return part;
  }

  static ObjectNode toolCallPart(String id, String name, JsonNode arguments) {
    ObjectNode part = NODES.objectNode();
    part.put(TYPE, "tool_call");
    if (id != null) {
      part.put("id", id);
    }
    if (name != null) {
      part.put("name", name);
    }
    if (arguments != null && !arguments.isNull() && !arguments.isMissingNode()) {
      part.set("arguments", arguments.deepCopy());
    }
    return part;
  }

  static ObjectNode toolResponsePart(String id, JsonNode response) {
    ObjectNode part = NODES.objectNode();
    part.put(TYPE, "tool_call_response");
    if (id != null) {
      part.put("id", id);
    }
    part.set(
        "response", response == null || response.isMissingNode() ? NODES.nullNode() : response);
    return part;
  }

  /**
   * Tool-call arguments arrive as a JSON string; keep them as JSON when they parse, else as the
   * string.
   */
  static JsonNode arguments(String raw) {
    if (raw == null) {
      return null;
    }
    JsonNode parsed = parseStructured(raw);
    return parsed != null ? parsed : NODES.textNode(raw);
  }

  static String textOrNull(JsonNode node) {
    return node != null && node.isTextual() && !node.asText().isEmpty() ? node.asText() : null;
  }
}
