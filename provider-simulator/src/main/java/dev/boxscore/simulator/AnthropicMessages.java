package dev.boxscore.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST /v1/messages}: the Anthropic Messages API, non-streaming and streaming
 * (message_start, content_block_start, ping, content_block_delta, content_block_stop, message_delta
 * with usage, message_stop). Prompt caching follows {@code cache_control} markers: the prefix
 * (tools, then system, then messages) up to the last marked block is the cacheable part.
 */
final class AnthropicMessages extends ChatEndpoint {

  AnthropicMessages(SimulatorState state) {
    super(state, Provider.ANTHROPIC);
  }

  @Override
  Prompt prompt(JsonNode body) {
    String model = Fields.requiredText(body, "model");
    JsonNode messages = Fields.requiredArray(body, "messages");
    if (!body.has("max_tokens") || body.get("max_tokens").isNull()) {
      throw new BadRequestException("max_tokens", "max_tokens: Field required");
    }
    Integer maxTokens = Fields.optionalPositiveInt(body, "max_tokens");

    // Segments in Anthropic's cache order; the last one marked cache_control ends the cacheable
    // prefix.
    List<String> segments = new ArrayList<>();
    int lastMarked = -1;
    List<Prompt.Tool> tools = new ArrayList<>();
    JsonNode toolsNode = body.get("tools");
    if (toolsNode != null && toolsNode.isArray()) {
      for (int i = 0; i < toolsNode.size(); i++) {
        JsonNode tool = toolsNode.get(i);
        if (!tool.path("name").isTextual()) {
          throw new BadRequestException(
              "tools." + i + ".name", "tools." + i + ".name: Field required");
        }
        tools.add(new Prompt.Tool(tool.get("name").asText(), tool.get("input_schema")));
        segments.add(tool.toString());
        lastMarked = tool.has("cache_control") ? segments.size() - 1 : lastMarked;
      }
    }

    List<String> texts = new ArrayList<>();
    JsonNode system = body.get("system");
    if (system != null && !system.isNull()) {
      texts.add(Fields.text(system));
      if (system.isArray()) {
        for (JsonNode block : system) {
          segments.add(Fields.text(block.get("text")));
          lastMarked = block.has("cache_control") ? segments.size() - 1 : lastMarked;
        }
      } else {
        segments.add(system.asText());
      }
    }

    String lastUser = "";
    boolean lastIsToolResult = false;
    for (int i = 0; i < messages.size(); i++) {
      JsonNode message = messages.get(i);
      String role = message.path("role").asText(null);
      if (role == null) {
        throw new BadRequestException(
            "messages." + i + ".role", "messages." + i + ".role: Field required");
      }
      JsonNode content = message.get("content");
      if (content == null || content.isNull()) {
        throw new BadRequestException(
            "messages." + i + ".content", "messages." + i + ".content: Field required");
      }
      String text = Fields.text(content);
      texts.add(text);
      lastIsToolResult = false;
      if (content.isArray()) {
        for (JsonNode block : content) {
          segments.add(
              Fields.text(
                  block.isTextual() || !block.has("text")
                      ? block.path("content")
                      : block.get("text")));
          lastMarked = block.has("cache_control") ? segments.size() - 1 : lastMarked;
          lastIsToolResult |= "tool_result".equals(block.path("type").asText());
        }
      } else {
        segments.add(text);
      }
      if (role.equals("user")) {
        lastUser = text;
      }
    }
    String cacheable =
        lastMarked < 0 ? null : String.join("\n", segments.subList(0, lastMarked + 1));
    return new Prompt(
        model,
        texts,
        tools.isEmpty() ? "" : toolsNode.toString(),
        lastUser,
        lastIsToolResult,
        tools,
        choice(body.get("tool_choice")),
        maxTokens,
        cacheable,
        Fields.flag(body, "stream"));
  }

  private static Prompt.ToolChoice choice(JsonNode choice) {
    if (choice == null || choice.isNull()) {
      return Prompt.ToolChoice.AUTO;
    }
    return switch (choice.path("type").asText("auto")) {
      case "none" -> new Prompt.ToolChoice(Prompt.ToolChoice.Mode.NONE, null);
      case "any" -> new Prompt.ToolChoice(Prompt.ToolChoice.Mode.REQUIRED, null);
      case "tool" ->
          new Prompt.ToolChoice(Prompt.ToolChoice.Mode.NAMED, choice.path("name").asText());
      default -> Prompt.ToolChoice.AUTO;
    };
  }

  @Override
  JsonNode render(Call call, Prompt prompt, Completion completion) {
    ObjectNode message = message(call, completion, state.nextId("msg_"));
    if (completion.toolCall() != null) {
      ObjectNode block = toolUse(call, completion);
      block.set("input", parse(completion.toolCall().argumentsJson()));
      message.withArray("content").add(block);
    } else {
      message
          .withArray("content")
          .addObject()
          .put("type", "text")
          .put("text", completion.text())
          .putNull("citations");
    }
    message.put("stop_reason", stopReason(completion));
    message.set("usage", usage(call, completion, completion.outputTokens()));
    return message;
  }

  @Override
  void stream(Call call, Prompt prompt, Completion completion, EventStream events, Pacer pacer)
      throws IOException {
    ObjectNode start = call.object().put("type", "message_start");
    ObjectNode message = message(call, completion, state.nextId("msg_"));
    message.set("usage", usage(call, completion, 1));
    start.set("message", message);
    events.send("message_start", start);

    ObjectNode blockStart = call.object().put("type", "content_block_start").put("index", 0);
    if (completion.toolCall() != null) {
      blockStart.set("content_block", toolUse(call, completion).set("input", call.object()));
    } else {
      blockStart
          .putObject("content_block")
          .put("type", "text")
          .put("text", "")
          .putNull("citations");
    }
    events.send("content_block_start", blockStart);
    events.send("ping", call.object().put("type", "ping"));

    if (completion.toolCall() != null) {
      String arguments = completion.toolCall().argumentsJson();
      int step = Math.max(1, (arguments.length() + 2) / 3);
      for (int from = 0; from < arguments.length(); from += step) {
        pacer.beforeContent();
        ObjectNode delta = call.object().put("type", "content_block_delta").put("index", 0);
        delta
            .putObject("delta")
            .put("type", "input_json_delta")
            .put(
                "partial_json",
                arguments.substring(from, Math.min(arguments.length(), from + step)));
        events.send("content_block_delta", delta);
      }
    } else {
      for (String piece : TextGenerator.pieces(completion.words())) {
        pacer.beforeContent();
        ObjectNode delta = call.object().put("type", "content_block_delta").put("index", 0);
        delta.putObject("delta").put("type", "text_delta").put("text", piece);
        events.send("content_block_delta", delta);
      }
    }
    events.send(
        "content_block_stop", call.object().put("type", "content_block_stop").put("index", 0));

    ObjectNode messageDelta = call.object().put("type", "message_delta");
    messageDelta
        .putObject("delta")
        .put("stop_reason", stopReason(completion))
        .putNull("stop_sequence");
    ObjectNode usage = messageDelta.putObject("usage");
    usage.put("input_tokens", uncachedInput(completion));
    usage.put("cache_creation_input_tokens", completion.cacheCreationTokens());
    usage.put("cache_read_input_tokens", completion.cachedTokens());
    usage.put("output_tokens", completion.outputTokens());
    usage.putNull("server_tool_use");
    events.send("message_delta", messageDelta);
    events.send("message_stop", call.object().put("type", "message_stop"));
  }

  private ObjectNode message(Call call, Completion completion, String id) {
    ObjectNode message = call.object();
    message.put("id", id);
    message.put("type", "message");
    message.put("role", "assistant");
    message.put("model", completion.responseModel());
    message.putArray("content");
    message.putNull("stop_reason");
    message.putNull("stop_sequence");
    message.putNull("container");
    return message;
  }

  private ObjectNode toolUse(Call call, Completion completion) {
    return call.object()
        .put("type", "tool_use")
        .put("id", "toolu_" + call.requestId.substring("req_".length()))
        .put("name", completion.toolCall().name());
  }

  private JsonNode parse(String json) {
    try {
      return state.json.readTree(json);
    } catch (IOException e) {
      throw new IllegalStateException("tool arguments are not JSON: " + json, e);
    }
  }

  private static String stopReason(Completion completion) {
    return completion.toolCall() != null
        ? "tool_use"
        : completion.truncated() ? "max_tokens" : "end_turn";
  }

  /** Anthropic's input_tokens excludes tokens read from or written to the cache. */
  private static int uncachedInput(Completion completion) {
    return completion.inputTokens() - completion.cachedTokens() - completion.cacheCreationTokens();
  }

  private static ObjectNode usage(Call call, Completion completion, int outputTokens) {
    ObjectNode usage = call.object();
    usage.put("input_tokens", uncachedInput(completion));
    usage.put("cache_creation_input_tokens", completion.cacheCreationTokens());
    usage.put("cache_read_input_tokens", completion.cachedTokens());
    usage
        .putObject("cache_creation")
        .put("ephemeral_5m_input_tokens", completion.cacheCreationTokens())
        .put("ephemeral_1h_input_tokens", 0);
    usage.put("output_tokens", outputTokens);
    usage.putNull("server_tool_use");
    usage.put("service_tier", "standard");
    return usage;
  }
}
