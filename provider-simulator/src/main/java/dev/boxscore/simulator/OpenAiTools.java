package dev.boxscore.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads OpenAI tool definitions and tool_choice, in the chat ({@code function: {...}}) and
 * Responses (flat) forms.
 */
final class OpenAiTools {
  private OpenAiTools() {}

  static List<Prompt.Tool> chatTools(JsonNode tools) {
    return read(tools, true);
  }

  static List<Prompt.Tool> responsesTools(JsonNode tools) {
    return read(tools, false);
  }

  private static List<Prompt.Tool> read(JsonNode tools, boolean nested) {
    List<Prompt.Tool> result = new ArrayList<>();
    if (tools == null || tools.isNull()) {
      return result;
    }
    if (!tools.isArray()) {
      throw new BadRequestException("tools", "Invalid type for 'tools': expected an array.");
    }
    for (int i = 0; i < tools.size(); i++) {
      JsonNode tool = tools.get(i);
      if (!"function".equals(tool.path("type").asText("function"))) {
        continue; // built-in tools (web search, ...) are accepted but never called
      }
      JsonNode function = nested ? tool.get("function") : tool;
      String field = nested ? "tools[" + i + "].function.name" : "tools[" + i + "].name";
      if (function == null
          || !function.path("name").isTextual()
          || function.path("name").asText().isBlank()) {
        throw new BadRequestException(field, "Missing required parameter: '" + field + "'.");
      }
      result.add(new Prompt.Tool(function.get("name").asText(), function.get("parameters")));
    }
    return result;
  }

  static Prompt.ToolChoice choice(JsonNode choice) {
    if (choice == null || choice.isNull()) {
      return Prompt.ToolChoice.AUTO;
    }
    if (choice.isTextual()) {
      return switch (choice.asText()) {
        case "none" -> new Prompt.ToolChoice(Prompt.ToolChoice.Mode.NONE, null);
        case "required" -> new Prompt.ToolChoice(Prompt.ToolChoice.Mode.REQUIRED, null);
        default -> Prompt.ToolChoice.AUTO;
      };
    }
    String name = choice.path("function").path("name").asText(choice.path("name").asText(null));
    return name == null
        ? Prompt.ToolChoice.AUTO
        : new Prompt.ToolChoice(Prompt.ToolChoice.Mode.NAMED, name);
  }
}
