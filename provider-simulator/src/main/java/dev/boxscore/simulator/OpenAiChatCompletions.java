package dev.boxscore.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST /v1/chat/completions}, non-streaming and streaming (with the usage chunk on request).
 */
final class OpenAiChatCompletions extends ChatEndpoint {

  OpenAiChatCompletions(SimulatorState state) {
    super(state, Provider.OPENAI);
  }

  @Override
  Prompt prompt(JsonNode body) {
    String model = Fields.requiredText(body, "model");
    JsonNode messages = Fields.requiredArray(body, "messages");
    List<String> texts = new ArrayList<>();
    String lastUser = "";
    String lastRole = "";
    for (int i = 0; i < messages.size(); i++) {
      JsonNode message = messages.get(i);
      JsonNode role = message.get("role");
      if (role == null || !role.isTextual()) {
        throw new BadRequestException(
            "messages[" + i + "].role", "Missing required parameter: 'messages[" + i + "].role'.");
      }
      String text = Fields.text(message.get("content"));
      texts.add(text);
      lastRole = role.asText();
      if (lastRole.equals("user")) {
        lastUser = text;
      }
    }
    List<Prompt.Tool> tools = OpenAiTools.chatTools(body.get("tools"));
    Integer max = Fields.optionalPositiveInt(body, "max_completion_tokens");
    if (max == null) {
      max = Fields.optionalPositiveInt(body, "max_tokens");
    }
    return new Prompt(
        model,
        texts,
        tools.isEmpty() ? "" : body.get("tools").toString(),
        lastUser,
        lastRole.equals("tool"),
        tools,
        OpenAiTools.choice(body.get("tool_choice")),
        max,
        null,
        Fields.flag(body, "stream"));
  }

  @Override
  JsonNode render(Call call, Prompt prompt, Completion completion) {
    ObjectNode root = header(call, completion, "chat.completion");
    ObjectNode choice = root.putArray("choices").addObject();
    choice.put("index", 0);
    ObjectNode message = choice.putObject("message");
    message.put("role", "assistant");
    if (completion.toolCall() != null) {
      message.putNull("content");
      ObjectNode toolCall = message.putArray("tool_calls").addObject();
      toolCall.put("id", toolCallId(call));
      toolCall.put("type", "function");
      toolCall
          .putObject("function")
          .put("name", completion.toolCall().name())
          .put("arguments", completion.toolCall().argumentsJson());
    } else {
      message.put("content", completion.text());
    }
    message.putNull("refusal");
    message.putArray("annotations");
    choice.putNull("logprobs");
    choice.put("finish_reason", finishReason(completion));
    root.set("usage", usage(call, completion));
    return root;
  }

  @Override
  void stream(Call call, Prompt prompt, Completion completion, EventStream events, Pacer pacer)
      throws IOException {
    boolean includeUsage = call.body.path("stream_options").path("include_usage").asBoolean(false);
    String id = state.nextId("chatcmpl-");
    ObjectNode first = chunk(call, id, completion, includeUsage);
    first.withArray("choices").addObject().put("index", 0);
    ObjectNode firstDelta = ((ObjectNode) first.withArray("choices").get(0)).putObject("delta");
    firstDelta.put("role", "assistant");
    firstDelta.put("content", "");
    firstDelta.putNull("refusal");
    finishChoice((ObjectNode) first.withArray("choices").get(0), null);
    events.send(null, first);

    if (completion.toolCall() != null) {
      String arguments = completion.toolCall().argumentsJson();
      pacer.beforeContent();
      ObjectNode start = chunk(call, id, completion, includeUsage);
      ObjectNode toolCall = toolCallDelta(start);
      toolCall.put("id", toolCallId(call));
      toolCall.put("type", "function");
      toolCall.putObject("function").put("name", completion.toolCall().name()).put("arguments", "");
      events.send(null, start);
      // Arguments arrive in pieces, as they do from the real API.
      int step = Math.max(1, (arguments.length() + 2) / 3);
      for (int from = 0; from < arguments.length(); from += step) {
        pacer.beforeContent();
        ObjectNode piece = chunk(call, id, completion, includeUsage);
        toolCallDelta(piece)
            .putObject("function")
            .put("arguments", arguments.substring(from, Math.min(arguments.length(), from + step)));
        events.send(null, piece);
      }
    } else {
      for (String piece : TextGenerator.pieces(completion.words())) {
        pacer.beforeContent();
        ObjectNode chunk = chunk(call, id, completion, includeUsage);
        ObjectNode choice = chunk.withArray("choices").addObject();
        choice.put("index", 0);
        choice.putObject("delta").put("content", piece);
        finishChoice(choice, null);
        events.send(null, chunk);
      }
    }

    ObjectNode last = chunk(call, id, completion, includeUsage);
    ObjectNode choice = last.withArray("choices").addObject();
    choice.put("index", 0);
    choice.putObject("delta");
    finishChoice(choice, finishReason(completion));
    events.send(null, last);

    if (includeUsage) {
      ObjectNode usage = chunk(call, id, completion, false);
      usage.set("usage", usage(call, completion));
      events.send(null, usage);
    }
    events.sendRaw(null, "[DONE]");
  }

  private ObjectNode header(Call call, Completion completion, String object) {
    ObjectNode root = call.object();
    root.put("id", state.nextId("chatcmpl-"));
    root.put("object", object);
    root.put("created", state.epochSeconds());
    root.put("model", completion.responseModel());
    root.put("service_tier", "default");
    root.put("system_fingerprint", ModelRouter.fingerprint(completion.responseModel()));
    return root;
  }

  private ObjectNode chunk(Call call, String id, Completion completion, boolean nullUsage) {
    ObjectNode chunk = call.object();
    chunk.put("id", id);
    chunk.put("object", "chat.completion.chunk");
    chunk.put("created", state.epochSeconds());
    chunk.put("model", completion.responseModel());
    chunk.put("service_tier", "default");
    chunk.put("system_fingerprint", ModelRouter.fingerprint(completion.responseModel()));
    chunk.putArray("choices");
    if (nullUsage) {
      chunk.putNull("usage");
    }
    return chunk;
  }

  private static ObjectNode toolCallDelta(ObjectNode chunk) {
    ObjectNode choice = chunk.withArray("choices").addObject();
    choice.put("index", 0);
    ObjectNode toolCall = choice.putObject("delta").putArray("tool_calls").addObject();
    toolCall.put("index", 0);
    finishChoice(choice, null);
    return toolCall;
  }

  private static void finishChoice(ObjectNode choice, String finishReason) {
    choice.putNull("logprobs");
    choice.put("finish_reason", finishReason);
  }

  private String toolCallId(Call call) {
    return "call_" + call.requestId.substring("req_".length());
  }

  private static String finishReason(Completion completion) {
    return completion.toolCall() != null
        ? "tool_calls"
        : completion.truncated() ? "length" : "stop";
  }

  private static ObjectNode usage(Call call, Completion completion) {
    ObjectNode usage = call.object();
    usage.put("prompt_tokens", completion.inputTokens());
    usage.put("completion_tokens", completion.totalOutputTokens());
    usage.put("total_tokens", completion.inputTokens() + completion.totalOutputTokens());
    usage
        .putObject("prompt_tokens_details")
        .put("cached_tokens", completion.cachedTokens())
        .put("audio_tokens", 0);
    usage
        .putObject("completion_tokens_details")
        .put("reasoning_tokens", completion.reasoningTokens())
        .put("audio_tokens", 0)
        .put("accepted_prediction_tokens", 0)
        .put("rejected_prediction_tokens", 0);
    return usage;
  }
}
