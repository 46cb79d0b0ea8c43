package dev.boxscore.simulator;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads request fields, turning missing or mistyped ones into a 400 that names the field. */
final class Fields {
  private Fields() {}

  static String requiredText(JsonNode body, String field) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      throw new BadRequestException(field, "Missing required parameter: '" + field + "'.");
    }
    if (!node.isTextual() || node.asText().isBlank()) {
      throw new BadRequestException(
          field, "Invalid type for '" + field + "': expected a non-empty string.");
    }
    return node.asText();
  }

  static JsonNode requiredArray(JsonNode body, String field) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      throw new BadRequestException(field, "Missing required parameter: '" + field + "'.");
    }
    if (!node.isArray() || node.isEmpty()) {
      throw new BadRequestException(field, "Invalid '" + field + "': expected a non-empty array.");
    }
    return node;
  }

  static Integer optionalPositiveInt(JsonNode body, String field) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.canConvertToInt() || !node.isIntegralNumber() || node.asInt() < 1) {
      throw new BadRequestException(
          field, "Invalid '" + field + "': expected an integer of at least 1.");
    }
    return node.asInt();
  }

  static boolean flag(JsonNode body, String field) {
    JsonNode node = body.get(field);
    if (node != null && !node.isNull() && !node.isBoolean()) {
      throw new BadRequestException(field, "Invalid type for '" + field + "': expected a boolean.");
    }
    return node != null && node.asBoolean(false);
  }

  /**
   * The text of a message content: a string, or the concatenated {@code text} of an array of parts
   * (other parts, e.g. images, contribute nothing). Tool results nested as content arrays are
   * included.
   */
  static String text(JsonNode content) {
    if (content == null || content.isNull()) {
      return "";
    }
    if (content.isTextual()) {
      return content.asText();
    }
    StringBuilder text = new StringBuilder();
    if (content.isArray()) {
      for (JsonNode part : content) {
        String piece =
            part.isTextual()
                ? part.asText()
                : part.has("text")
                    ? part.get("text").asText()
                    : part.has("content")
                        ? text(part.get("content"))
                        : part.has("output") ? text(part.get("output")) : "";
        if (!piece.isEmpty()) {
          if (text.length() > 0) {
            text.append('\n');
          }
          text.append(piece);
        }
      }
    }
    return text.toString();
  }
}
