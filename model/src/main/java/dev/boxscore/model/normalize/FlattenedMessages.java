package dev.boxscore.model.normalize;

import static dev.boxscore.model.semconv.OpenInferenceAttributes.MESSAGE_CONTENT;
import static dev.boxscore.model.semconv.OpenInferenceAttributes.MESSAGE_CONTENTS_PREFIX;
import static dev.boxscore.model.semconv.OpenInferenceAttributes.MESSAGE_CONTENT_TEXT;
import static dev.boxscore.model.semconv.OpenInferenceAttributes.MESSAGE_CONTENT_TYPE;
import static dev.boxscore.model.semconv.OpenInferenceAttributes.MESSAGE_ROLE;
import static dev.boxscore.model.semconv.OpenInferenceAttributes.MESSAGE_TOOL_CALLS_PREFIX;
import static dev.boxscore.model.semconv.OpenInferenceAttributes.MESSAGE_TOOL_CALL_ID;
import static dev.boxscore.model.semconv.OpenInferenceAttributes.TOOL_CALL_FUNCTION_ARGUMENTS;
import static dev.boxscore.model.semconv.OpenInferenceAttributes.TOOL_CALL_FUNCTION_NAME;
import static dev.boxscore.model.semconv.OpenInferenceAttributes.TOOL_CALL_ID;
import static dev.boxscore.model.semconv.OpenLlmetryAttributes.FIELD_CONTENT;
import static dev.boxscore.model.semconv.OpenLlmetryAttributes.FIELD_FINISH_REASON;
import static dev.boxscore.model.semconv.OpenLlmetryAttributes.FIELD_ROLE;
import static dev.boxscore.model.semconv.OpenLlmetryAttributes.FIELD_TOOL_CALLS_PREFIX;
import static dev.boxscore.model.semconv.OpenLlmetryAttributes.FIELD_TOOL_CALL_ID;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reassembles messages flattened into indexed keys: OpenInference {@code
 * llm.input_messages.<i>.message.*} and OpenLLMetry's legacy {@code gen_ai.prompt.<i>.*} / {@code
 * gen_ai.completion.<i>.*}. Messages come out in index order; keys with a malformed index are
 * ignored.
 */
final class FlattenedMessages {

  private FlattenedMessages() {}

  /** OpenInference messages under {@code prefix} (ends with '.'), or null if there are none. */
  static ArrayNode openInference(
      Map<String, Object> attributes, String prefix, String defaultRole) {
    Map<Integer, Map<String, Object>> byIndex = group(attributes, prefix);
    if (byIndex.isEmpty()) {
      return null;
    }
    ArrayNode out = MessageJson.newArray();
    for (Map<String, Object> fields : byIndex.values()) {
      String role = AttributeValues.text(fields.get(MESSAGE_ROLE));
      role = role != null ? role : defaultRole;
      String content = AttributeValues.text(fields.get(MESSAGE_CONTENT));
      ObjectNode message =
          DialectMessages.fromFields(
              role,
              content,
              AttributeValues.text(fields.get(MESSAGE_TOOL_CALL_ID)),
              toolCalls(
                  fields,
                  MESSAGE_TOOL_CALLS_PREFIX,
                  TOOL_CALL_ID,
                  TOOL_CALL_FUNCTION_NAME,
                  TOOL_CALL_FUNCTION_ARGUMENTS),
              null);
      if (content == null) {
        // Multimodal / block content: message.contents.<j>.message_content.type|text
        Map<Integer, Map<String, Object>> contents = group(fields, MESSAGE_CONTENTS_PREFIX);
        ArrayNode parts = MessageJson.parts(message);
        int insertAt = 0;
        for (Map<String, Object> block : contents.values()) {
          String text = AttributeValues.text(block.get(MESSAGE_CONTENT_TEXT));
          String type = AttributeValues.text(block.get(MESSAGE_CONTENT_TYPE));
          if (text != null && (type == null || type.equals("text"))) {
            parts.insert(insertAt++, MessageJson.textPart(text));
          }
        }
      }
      out.add(message);
    }
    return out;
  }

  /**
   * OpenLLMetry legacy messages under {@code prefix} ("gen_ai.prompt." / "gen_ai.completion."), or
   * null.
   */
  static ArrayNode openLlmetry(Map<String, Object> attributes, String prefix, String defaultRole) {
    Map<Integer, Map<String, Object>> byIndex = group(attributes, prefix);
    if (byIndex.isEmpty()) {
      return null;
    }
    ArrayNode out = MessageJson.newArray();
    for (Map<String, Object> fields : byIndex.values()) {
      String role = AttributeValues.text(fields.get(FIELD_ROLE));
      out.add(
          DialectMessages.fromFields(
              role != null ? role : defaultRole,
              AttributeValues.text(fields.get(FIELD_CONTENT)),
              AttributeValues.text(fields.get(FIELD_TOOL_CALL_ID)),
              toolCalls(fields, FIELD_TOOL_CALLS_PREFIX, "id", "name", "arguments"),
              AttributeValues.text(fields.get(FIELD_FINISH_REASON))));
    }
    return out;
  }

  /** True if any key has the form {@code <prefix><digits>.<field>}. */
  static boolean present(Map<String, Object> attributes, String prefix) {
    for (String key : attributes.keySet()) {
      if (key != null && key.startsWith(prefix) && index(key, prefix.length()) != null) {
        return true;
      }
    }
    return false;
  }

  private static Map<Integer, String[]> toolCalls(
      Map<String, Object> fields,
      String prefix,
      String idKey,
      String nameKey,
      String argumentsKey) {
    Map<Integer, Map<String, Object>> calls = group(fields, prefix);
    if (calls.isEmpty()) {
      return null;
    }
    Map<Integer, String[]> out = new TreeMap<>();
    calls.forEach(
        (i, call) ->
            out.put(
                i,
                new String[] {
                  AttributeValues.text(call.get(idKey)),
                  AttributeValues.text(call.get(nameKey)),
                  AttributeValues.text(call.get(argumentsKey))
                }));
    return out;
  }

  /** Groups {@code <prefix><i>.<rest>} keys by i, mapping rest to the value. */
  private static Map<Integer, Map<String, Object>> group(
      Map<String, Object> attributes, String prefix) {
    Map<Integer, Map<String, Object>> byIndex = new TreeMap<>();
    for (Map.Entry<String, Object> entry : attributes.entrySet()) {
      String key = entry.getKey();
      if (key == null || !key.startsWith(prefix) || entry.getValue() == null) {
        continue;
      }
      Integer i = index(key, prefix.length());
      if (i == null) {
        continue;
      }
      String rest = key.substring(key.indexOf('.', prefix.length()) + 1);
      byIndex.computeIfAbsent(i, k -> new TreeMap<>()).put(rest, entry.getValue());
    }
    return byIndex;
  }

  /**
   * The index in {@code <prefix><digits>.<rest>} starting at {@code from}, or null if malformed.
   */
  private static Integer index(String key, int from) {
    int dot = key.indexOf('.', from);
    if (dot <= from || dot == key.length() - 1 || dot - from > 6) {
      return null;
    }
    for (int i = from; i < dot; i++) {
      char c = key.charAt(i);
      if (c < '0' || c > '9') {
        return null;
      }
    }
    return Integer.parseInt(key, from, dot, 10);
  }
}
