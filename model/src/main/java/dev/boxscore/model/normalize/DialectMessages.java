package dev.boxscore.model.normalize;

import static dev.boxscore.model.normalize.MessageJson.CONTENT;
import static dev.boxscore.model.normalize.MessageJson.FINISH_REASON;
import static dev.boxscore.model.normalize.MessageJson.PARTS;
import static dev.boxscore.model.normalize.MessageJson.ROLE;
import static dev.boxscore.model.normalize.MessageJson.TYPE;
import static dev.boxscore.model.normalize.MessageJson.arguments;
import static dev.boxscore.model.normalize.MessageJson.message;
import static dev.boxscore.model.normalize.MessageJson.parseStructured;
import static dev.boxscore.model.normalize.MessageJson.parts;
import static dev.boxscore.model.normalize.MessageJson.textOrNull;
import static dev.boxscore.model.normalize.MessageJson.textPart;
import static dev.boxscore.model.normalize.MessageJson.toolCallPart;
import static dev.boxscore.model.normalize.MessageJson.toolResponsePart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Map;

/**
 * Converts the message shapes other dialects carry (OpenAI / Anthropic request and response JSON,
 * loose prompt text, flattened fields) into the GenAI form {@link MessageJson} builds.
 */
final class DialectMessages {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private DialectMessages() {}

  /**
   * Reads a GenAI messages attribute (a JSON string). Elements that already have {@code parts} are
   * kept as they are; elements in OpenAI style ({@code role} + {@code content}) are converted. Null
   * when the value is not a JSON array of objects.
   */
  static ArrayNode genAiMessages(Object value, String defaultRole) {
    if (!(value instanceof String text)) {
      return null;
    }
    JsonNode node = parseStructured(text);
    if (node == null || !node.isArray()) {
      return null;
    }
    ArrayNode out = NODES.arrayNode();
    for (JsonNode element : node) {
      if (!element.isObject()) {
        return null;
      }
      if (element.path(PARTS).isArray()) {
        out.add(element.deepCopy());
      } else {
        out.add(fromOpenAiStyle(element, defaultRole));
      }
    }
    return out;
  }

  /**
   * Reads {@code gen_ai.system_instructions} (JSON array of parts, or plain text) as one system
   * message.
   */
  static ObjectNode systemInstructions(Object value) {
    String text = AttributeValues.text(value);
    if (text == null) {
      return null;
    }
    ObjectNode system = message("system");
    JsonNode node = parseStructured(text);
    if (node != null && node.isArray()) {
      for (JsonNode part : node) {
        if (part.isObject()) {
          parts(system).add(part.deepCopy());
        } else if (part.isTextual()) {
          parts(system).add(textPart(part.asText()));
        }
      }
    } else if (node == null) {
      parts(system).add(textPart(text));
    }
    return parts(system).isEmpty() ? null : system;
  }

  /**
   * Converts free-form prompt/completion content: a JSON array of OpenAI-style messages, one such
   * message, or plain text (which becomes one message with {@code defaultRole}).
   */
  static ArrayNode fromLooseContent(String text, String defaultRole) {
    if (text == null) {
      return null;
    }
    ArrayNode out = NODES.arrayNode();
    JsonNode node = parseStructured(text);
    if (node != null && node.isArray() && allObjects(node)) {
      node.forEach(element -> out.add(fromOpenAiStyle(element, defaultRole)));
    } else if (node != null && node.isObject() && (node.has(ROLE) || node.has(CONTENT))) {
      out.add(fromOpenAiStyle(node, defaultRole));
    } else {
      ObjectNode message = message(defaultRole);
      parts(message).add(textPart(text));
      out.add(message);
    }
    return out;
  }

  /**
   * Converts one OpenAI- or Anthropic-style message ({@code role}, {@code content} as text or
   * blocks, {@code tool_calls}, {@code tool_call_id}, {@code finish_reason}) to the GenAI form.
   */
  static ObjectNode fromOpenAiStyle(JsonNode source, String defaultRole) {
    String role = source.path(ROLE).isTextual() ? source.get(ROLE).asText() : defaultRole;
    ObjectNode message = message(role);
    ArrayNode parts = parts(message);
    JsonNode content = source.path(CONTENT);
    // Old GenAI tool-message events name the call "id"; OpenAI messages name it "tool_call_id".
    String toolCallId = textOrNull(source.path("tool_call_id"));
    if (toolCallId == null && "tool".equals(role)) {
      toolCallId = textOrNull(source.path("id"));
    }
    if ("tool".equals(role) && toolCallId != null) {
      parts.add(toolResponsePart(toolCallId, content.deepCopy()));
    } else {
      addContent(parts, content);
    }
    for (JsonNode call : source.path("tool_calls")) {
      JsonNode function = call.path("function");
      String id = textOrNull(call.path("id"));
      String name = textOrNull(function.isObject() ? function.path("name") : call.path("name"));
      JsonNode arguments =
          function.isObject() ? function.path("arguments") : call.path("arguments");
      parts.add(
          toolCallPart(
              id, name, arguments.isTextual() ? arguments(arguments.asText()) : arguments));
    }
    JsonNode functionCall = source.path("function_call");
    if (functionCall.isObject()) {
      JsonNode arguments = functionCall.path("arguments");
      parts.add(
          toolCallPart(
              null,
              textOrNull(functionCall.path("name")),
              arguments.isTextual() ? arguments(arguments.asText()) : arguments));
    }
    String finishReason = textOrNull(source.path(FINISH_REASON));
    if (finishReason != null) {
      message.put(FINISH_REASON, finishReason);
    }
    return message;
  }

  /**
   * Reads a whole request or response body (OpenInference {@code input.value} / {@code
   * output.value} in JSON): OpenAI chat requests ({@code messages}), Anthropic requests ({@code
   * system} + {@code messages}), completion requests ({@code prompt}), OpenAI responses ({@code
   * choices}) and Anthropic responses ({@code content} + {@code stop_reason}). Null when the shape
   * is not recognized.
   */
  static ArrayNode fromBody(JsonNode body, String defaultRole) {
    if (body == null || !body.isObject()) {
      return null;
    }
    ArrayNode out = NODES.arrayNode();
    JsonNode system = body.path("system");
    if (system.isTextual() || system.isArray()) {
      ObjectNode message = message("system");
      addContent(parts(message), system);
      out.add(message);
    }
    if (body.path("messages").isArray()) {
      body.get("messages")
          .forEach(
              m -> {
                if (m.isObject()) {
                  out.add(fromOpenAiStyle(m, defaultRole));
                }
              });
      return out;
    }
    if (body.path("choices").isArray()) {
      for (JsonNode choice : body.get("choices")) {
        ObjectNode message;
        if (choice.path("message").isObject()) {
          message = fromOpenAiStyle(choice.get("message"), defaultRole);
        } else {
          message = message(defaultRole);
          addContent(parts(message), choice.path("text"));
        }
        String finishReason = textOrNull(choice.path(FINISH_REASON));
        if (finishReason != null) {
          message.put(FINISH_REASON, finishReason);
        }
        out.add(message);
      }
      return out;
    }
    if (body.path(CONTENT).isArray() && (body.has("stop_reason") || body.has(ROLE))) {
      ObjectNode message = fromOpenAiStyle(body, defaultRole);
      String stopReason = textOrNull(body.path("stop_reason"));
      if (stopReason != null) {
        message.put(FINISH_REASON, stopReason);
      }
      out.add(message);
      return out;
    }
    if (body.path("prompt").isTextual()) {
      ObjectNode message = message(defaultRole);
      parts(message).add(textPart(body.get("prompt").asText()));
      out.add(message);
      return out;
    }
    return out.isEmpty() ? null : out;
  }

  /** Builds a message from flattened fields (OpenLLMetry / OpenInference / event attributes). */
  static ObjectNode fromFields(
      String role,
      String content,
      String toolCallId,
      Map<Integer, String[]> toolCalls,
      String finishReason) {
    ObjectNode message = message(role);
    ArrayNode parts = parts(message);
    if (toolCallId != null && "tool".equals(role)) {
      parts.add(toolResponsePart(toolCallId, content == null ? null : NODES.textNode(content)));
    } else if (content != null) {
      // OpenLLMetry serializes content blocks (Anthropic, multimodal OpenAI) as a JSON array
      // string.
      JsonNode blocks = parseStructured(content);
      if (blocks != null
          && blocks.isArray()
          && allObjects(blocks)
          && blocks.size() > 0
          && blocks.get(0).has(TYPE)) {
        addContent(parts, blocks);
      } else {
        parts.add(textPart(content));
      }
    }
    if (toolCalls != null) {
      // value: {id, name, arguments}
      toolCalls
          .values()
          .forEach(call -> parts.add(toolCallPart(call[0], call[1], arguments(call[2]))));
    }
    if (finishReason != null) {
      message.put(FINISH_REASON, finishReason);
    }
    return message;
  }

  private static void addContent(ArrayNode parts, JsonNode content) {
    if (content.isTextual()) {
      if (!content.asText().isEmpty()) {
        parts.add(textPart(content.asText()));
      }
      return;
    }
    if (!content.isArray()) {
      return;
    }
    for (JsonNode block : content) {
      if (block.isTextual()) {
        parts.add(textPart(block.asText()));
        continue;
      }
      if (!block.isObject()) {
        continue;
      }
      String type = textOrNull(block.path(TYPE));
      String kind = type == null ? "" : type.toLowerCase(Locale.ROOT);
      switch (kind) {
        case "text", "input_text", "output_text" -> {
          JsonNode text = block.has("text") ? block.get("text") : block.path(CONTENT);
          parts.add(textPart(text.asText()));
        }
        case "tool_use" ->
            parts.add(
                toolCallPart(
                    textOrNull(block.path("id")),
                    textOrNull(block.path("name")),
                    block.path("input")));
        case "tool_result" ->
            parts.add(
                toolResponsePart(
                    textOrNull(block.path("tool_use_id")), block.path(CONTENT).deepCopy()));
        case "thinking" -> {
          ObjectNode reasoning = NODES.objectNode();
          reasoning.put(TYPE, "reasoning");
          reasoning.put(CONTENT, block.path("thinking").asText());
          parts.add(reasoning);
        }
        // Parts already in GenAI form, images and anything else: keep as sent.
        default -> parts.add(block.deepCopy());
      }
    }
  }

  private static boolean allObjects(JsonNode array) {
    for (JsonNode element : array) {
      if (!element.isObject()) {
        return false;
      }
    }
    return true;
  }
}
