package dev.boxscore.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * What the simulator needs from a chat-style request, whatever the provider dialect.
 *
 * @param model request model
 * @param texts text of every message, system prompt first; the seed of the reply and the
 *     input-token count
 * @param toolDefinitions the tools' JSON, counted as one more message of input
 * @param lastUserText text of the last user message ("" if none)
 * @param lastIsToolResult whether the conversation ends with a tool result (then the model answers
 *     in text)
 * @param tools offered tools
 * @param toolChoice how the client constrains tool use
 * @param maxOutputTokens the request's output cap, or null
 * @param cacheablePrefix Anthropic: text up to the last block marked cache_control, or null
 * @param stream whether the client asked for a stream
 */
record Prompt(
    String model,
    List<String> texts,
    String toolDefinitions,
    String lastUserText,
    boolean lastIsToolResult,
    List<Tool> tools,
    ToolChoice toolChoice,
    Integer maxOutputTokens,
    String cacheablePrefix,
    boolean stream) {

  /** An offered function tool: its name and JSON schema of the arguments. */
  record Tool(String name, JsonNode parameters) {}

  /** none / auto / required (Anthropic "any") / one named tool. */
  record ToolChoice(Mode mode, String name) {
    enum Mode {
      NONE,
      AUTO,
      REQUIRED,
      NAMED
    }

    static final ToolChoice AUTO = new ToolChoice(Mode.AUTO, null);
  }

  int inputTokens() {
    int tokens = TokenCounter.PER_MESSAGE;
    for (String text : texts) {
      tokens += TokenCounter.PER_MESSAGE + TokenCounter.count(text);
    }
    if (!toolDefinitions.isEmpty()) {
      tokens += TokenCounter.PER_MESSAGE + TokenCounter.count(toolDefinitions);
    }
    return tokens;
  }

  long seed() {
    return TextGenerator.seed(
        model, String.join("\n", texts), toolDefinitions, String.valueOf(lastIsToolResult));
  }
}
