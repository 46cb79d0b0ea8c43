package dev.boxscore.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST /v1/responses}: the OpenAI Responses API, non-streaming and streaming (typed {@code
 * response.*} events with sequence numbers, ending in {@code response.completed}, or {@code
 * response.incomplete} when cut by {@code max_output_tokens}). Reasoning-style models get a
 * reasoning output item first.
 */
final class OpenAiResponses extends ChatEndpoint {

  OpenAiResponses(SimulatorState state) {
    super(state, Provider.OPENAI);
  }

  @Override
  Prompt prompt(JsonNode body) {
    String model = Fields.requiredText(body, "model");
    JsonNode input = body.get("input");
    if (input == null || input.isNull()) {
      throw new BadRequestException("input", "Missing required parameter: 'input'.");
    }
    List<String> texts = new ArrayList<>();
    JsonNode instructions = body.get("instructions");
    if (instructions != null && instructions.isTextual()) {
      texts.add(instructions.asText());
    }
    String lastUser = "";
    boolean lastIsToolResult = false;
    if (input.isTextual()) {
      texts.add(input.asText());
      lastUser = input.asText();
    } else if (input.isArray() && !input.isEmpty()) {
      for (JsonNode item : input) {
        String type = item.path("type").asText("message");
        String text =
            switch (type) {
              case "function_call_output" -> Fields.text(item.get("output"));
              case "function_call" ->
                  item.path("name").asText() + " " + item.path("arguments").asText();
              default -> Fields.text(item.get("content"));
            };
        texts.add(text);
        lastIsToolResult = type.equals("function_call_output");
        if ("user".equals(item.path("role").asText())) {
          lastUser = text;
        }
      }
    } else {
      throw new BadRequestException(
          "input", "Invalid 'input': expected a string or a non-empty array of items.");
    }
    List<Prompt.Tool> tools = OpenAiTools.responsesTools(body.get("tools"));
    return new Prompt(
        model,
        texts,
        tools.isEmpty() ? "" : body.get("tools").toString(),
        lastUser,
        lastIsToolResult,
        tools,
        OpenAiTools.choice(body.get("tool_choice")),
        Fields.optionalPositiveInt(body, "max_output_tokens"),
        null,
        Fields.flag(body, "stream"));
  }

  @Override
  JsonNode render(Call call, Prompt prompt, Completion completion) {
    return response(call, completion, ids(), true);
  }

  @Override
  void stream(Call call, Prompt prompt, Completion completion, EventStream events, Pacer pacer)
      throws IOException {
    Ids ids = ids();
    ObjectNode done = response(call, completion, ids, true);
    ObjectNode inProgress = response(call, completion, ids, false);
    Sequence seq = new Sequence(events, call);

    seq.send("response.created", e -> e.set("response", inProgress));
    seq.send("response.in_progress", e -> e.set("response", inProgress));
    ArrayNode output = (ArrayNode) done.get("output");
    for (int index = 0; index < output.size(); index++) {
      ObjectNode item = (ObjectNode) output.get(index);
      int outputIndex = index;
      String itemId = item.get("id").asText();
      switch (item.get("type").asText()) {
        case "message" -> {
          ObjectNode added = item.deepCopy().put("status", "in_progress");
          added.putArray("content");
          seq.send(
              "response.output_item.added",
              e -> e.put("output_index", outputIndex).set("item", added));
          ObjectNode fullPart = (ObjectNode) item.get("content").get(0);
          ObjectNode emptyPart = fullPart.deepCopy().put("text", "");
          seq.send(
              "response.content_part.added",
              e -> part(e, itemId, outputIndex).set("part", emptyPart));
          for (String piece : TextGenerator.pieces(completion.words())) {
            pacer.beforeContent();
            seq.send(
                "response.output_text.delta",
                e -> {
                  part(e, itemId, outputIndex).put("delta", piece);
                  e.putArray("logprobs");
                });
          }
          seq.send(
              "response.output_text.done",
              e -> {
                part(e, itemId, outputIndex).put("text", completion.text());
                e.putArray("logprobs");
              });
          seq.send(
              "response.content_part.done",
              e -> part(e, itemId, outputIndex).set("part", fullPart));
        }
        case "function_call" -> {
          ObjectNode added = item.deepCopy().put("status", "in_progress").put("arguments", "");
          seq.send(
              "response.output_item.added",
              e -> e.put("output_index", outputIndex).set("item", added));
          String arguments = item.get("arguments").asText();
          pacer.beforeContent();
          seq.send(
              "response.function_call_arguments.delta",
              e ->
                  e.put("item_id", itemId)
                      .put("output_index", outputIndex)
                      .put("delta", arguments));
          seq.send(
              "response.function_call_arguments.done",
              e ->
                  e.put("item_id", itemId)
                      .put("output_index", outputIndex)
                      .put("name", item.get("name").asText())
                      .put("arguments", arguments));
        }
        default ->
            seq.send(
                "response.output_item.added",
                e -> e.put("output_index", outputIndex).set("item", item));
      }
      seq.send(
          "response.output_item.done", e -> e.put("output_index", outputIndex).set("item", item));
    }
    seq.send(
        completion.truncated() ? "response.incomplete" : "response.completed",
        e -> e.set("response", done));
  }

  private static ObjectNode part(ObjectNode event, String itemId, int outputIndex) {
    return event.put("item_id", itemId).put("output_index", outputIndex).put("content_index", 0);
  }

  private record Ids(String response, String reasoning, String item, String callId) {}

  private Ids ids() {
    String n = state.nextId("");
    return new Ids("resp_" + n, "rs_" + n, "msg_" + n, "call_" + n);
  }

  private ObjectNode response(Call call, Completion completion, Ids ids, boolean finished) {
    JsonNode request = call.body;
    ObjectNode root = call.object();
    root.put("id", ids.response());
    root.put("object", "response");
    root.put("created_at", state.epochSeconds());
    root.put(
        "status", !finished ? "in_progress" : completion.truncated() ? "incomplete" : "completed");
    root.put("background", false);
    root.putNull("error");
    if (finished && completion.truncated()) {
      root.putObject("incomplete_details").put("reason", "max_output_tokens");
    } else {
      root.putNull("incomplete_details");
    }
    root.set(
        "instructions",
        request.path("instructions").isTextual() ? request.get("instructions") : null);
    root.set("max_output_tokens", request.get("max_output_tokens"));
    root.put("model", completion.responseModel());
    ArrayNode output = root.putArray("output");
    if (finished) {
      if (ModelRouter.isReasoning(call.model)) {
        ObjectNode reasoning = output.addObject();
        reasoning.put("id", ids.reasoning());
        reasoning.put("type", "reasoning");
        reasoning.putArray("summary");
      }
      if (completion.toolCall() != null) {
        ObjectNode functionCall = output.addObject();
        functionCall.put("id", "fc_" + ids.item().substring(4));
        functionCall.put("type", "function_call");
        functionCall.put("status", "completed");
        functionCall.put("call_id", ids.callId());
        functionCall.put("name", completion.toolCall().name());
        functionCall.put("arguments", completion.toolCall().argumentsJson());
      } else {
        ObjectNode message = output.addObject();
        message.put("id", ids.item());
        message.put("type", "message");
        message.put("status", completion.truncated() ? "incomplete" : "completed");
        message.put("role", "assistant");
        ObjectNode text = message.putArray("content").addObject();
        text.put("type", "output_text");
        text.put("text", completion.text());
        text.putArray("annotations");
        text.putArray("logprobs");
      }
    }
    root.put("parallel_tool_calls", request.path("parallel_tool_calls").asBoolean(true));
    root.set("previous_response_id", request.get("previous_response_id"));
    ObjectNode reasoning = root.putObject("reasoning");
    reasoning.set("effort", request.path("reasoning").get("effort"));
    reasoning.putNull("summary");
    root.put("service_tier", "default");
    root.put("store", request.path("store").asBoolean(true));
    root.put("temperature", request.path("temperature").asDouble(1.0));
    root.putObject("text").put("verbosity", "medium").putObject("format").put("type", "text");
    root.set(
        "tool_choice",
        request.hasNonNull("tool_choice") ? request.get("tool_choice") : root.textNode("auto"));
    root.set("tools", request.hasNonNull("tools") ? request.get("tools") : root.arrayNode());
    root.put("top_p", request.path("top_p").asDouble(1.0));
    root.put("truncation", "disabled");
    if (finished) {
      ObjectNode usage = root.putObject("usage");
      usage.put("input_tokens", completion.inputTokens());
      usage
          .putObject("input_tokens_details")
          .put("cached_tokens", completion.cachedTokens())
          .put("cache_write_tokens", 0);
      usage.put("output_tokens", completion.totalOutputTokens());
      usage
          .putObject("output_tokens_details")
          .put("reasoning_tokens", completion.reasoningTokens());
      usage.put("total_tokens", completion.inputTokens() + completion.totalOutputTokens());
    } else {
      root.putNull("usage");
    }
    root.putNull("user");
    root.putObject("metadata");
    return root;
  }

  /** Numbers the events of one stream from 0, as the Responses API does. */
  private static final class Sequence {
    private final EventStream events;
    private final Call call;
    private int next;

    Sequence(EventStream events, Call call) {
      this.events = events;
      this.call = call;
    }

    void send(String type, java.util.function.Consumer<ObjectNode> fill) throws IOException {
      ObjectNode event = call.object();
      event.put("type", type);
      fill.accept(event);
      event.put("sequence_number", next++);
      events.send(type, event);
    }
  }
}
