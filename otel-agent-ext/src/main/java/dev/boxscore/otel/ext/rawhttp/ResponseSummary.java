package dev.boxscore.otel.ext.rawhttp;

import dev.boxscore.otel.ext.common.GenAiKeys;
import dev.boxscore.otel.ext.common.LlmSpan;
import io.opentelemetry.api.common.AttributeKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a response said about the call (id, model, finish reasons, usage), gathered from a whole
 * JSON body or from stream events one by one, in the dialect of the endpoint. Anthropic counts
 * input without the cache; GenAI input includes it, so the cache reads and writes are added.
 */
final class ResponseSummary {
  static final AttributeKey<Long> USAGE_CACHE_CREATION_INPUT_TOKENS =
      AttributeKey.longKey("gen_ai.usage.cache_creation.input_tokens");

  /**
   * Every member a whole (not streamed) body is read for below, at any depth, in all three
   * dialects: the tree of a whole body is built with these only. Stream wrappers ({@code message},
   * {@code delta}, {@code response}) are left out: a whole body has none at the top, and {@code
   * choices[].message} holds the generated text.
   */
  static final Set<String> WHOLE_BODY_MEMBERS =
      new HashSet<String>(
          Arrays.asList(
              "id",
              "model",
              "choices",
              "finish_reason",
              "usage",
              "prompt_tokens",
              "completion_tokens",
              "prompt_tokens_details",
              "cached_tokens",
              "completion_tokens_details",
              "reasoning_tokens",
              "status",
              "input_tokens",
              "output_tokens",
              "input_tokens_details",
              "output_tokens_details",
              "stop_reason",
              "cache_read_input_tokens",
              "cache_creation_input_tokens"));

  private final LlmEndpoint endpoint;
  String id;
  String model;
  final List<String> finishReasons = new ArrayList<String>();
  String responsesStatus;
  Long input;
  Long output;
  Long cacheRead;
  Long cacheWrite;
  Long reasoning;

  ResponseSummary(LlmEndpoint endpoint) {
    this.endpoint = endpoint;
  }

  /** Takes in one response body or one stream event. */
  void absorb(Object json) {
    if (!(json instanceof Map)) {
      return;
    }
    if (endpoint.api == LlmEndpoint.ANTHROPIC_MESSAGES) {
      anthropic(json);
    } else if (endpoint.api == LlmEndpoint.OPENAI_RESPONSES) {
      // stream events carry the response object under "response"
      Object response = JsonReader.path(json, "response");
      responses(response instanceof Map ? response : json);
    } else {
      openAi(json);
    }
  }

  private void openAi(Object json) {
    id = first(id, JsonReader.text(json, "id"));
    model = first(model, JsonReader.text(json, "model"));
    Object choices = JsonReader.path(json, "choices");
    if (choices instanceof List) {
      for (Object choice : (List<?>) choices) {
        String reason = JsonReader.text(choice, "finish_reason");
        if (reason != null) {
          finishReasons.add(reason);
        }
      }
    }
    Object usage = JsonReader.path(json, "usage");
    if (usage instanceof Map) {
      input = last(input, JsonReader.count(usage, "prompt_tokens"));
      output = last(output, JsonReader.count(usage, "completion_tokens"));
      cacheRead =
          last(cacheRead, JsonReader.count(usage, "prompt_tokens_details", "cached_tokens"));
      reasoning =
          last(reasoning, JsonReader.count(usage, "completion_tokens_details", "reasoning_tokens"));
    }
  }

  private void responses(Object response) {
    id = first(id, JsonReader.text(response, "id"));
    model = last(model, JsonReader.text(response, "model"));
    String status = JsonReader.text(response, "status");
    if (status != null) {
      responsesStatus = status;
    }
    Object usage = JsonReader.path(response, "usage");
    if (usage instanceof Map) {
      input = last(input, JsonReader.count(usage, "input_tokens"));
      output = last(output, JsonReader.count(usage, "output_tokens"));
      cacheRead = last(cacheRead, JsonReader.count(usage, "input_tokens_details", "cached_tokens"));
      reasoning =
          last(reasoning, JsonReader.count(usage, "output_tokens_details", "reasoning_tokens"));
    }
  }

  private void anthropic(Object json) {
    // message_start wraps the message; message_delta has the stop reason in "delta" and usage
    // beside it
    Object message = JsonReader.path(json, "message");
    Object body = message instanceof Map ? message : json;
    id = first(id, JsonReader.text(body, "id"));
    model = first(model, JsonReader.text(body, "model"));
    String stop = JsonReader.text(body, "stop_reason");
    if (stop == null) {
      stop = JsonReader.text(json, "delta", "stop_reason");
    }
    if (stop != null) {
      finishReasons.clear();
      finishReasons.add(stop);
    }
    Object usage = JsonReader.path(body, "usage");
    if (usage instanceof Map) {
      input = last(input, JsonReader.count(usage, "input_tokens"));
      output = last(output, JsonReader.count(usage, "output_tokens"));
      cacheRead = last(cacheRead, JsonReader.count(usage, "cache_read_input_tokens"));
      cacheWrite = last(cacheWrite, JsonReader.count(usage, "cache_creation_input_tokens"));
    }
  }

  /**
   * Whether a stream event carries output: a chat-completion delta with content, a tool call or
   * reasoning, a Responses API {@code *.delta} event, or an Anthropic {@code content_block_delta}.
   * Role-only and bookkeeping events (sent before the model produced anything) do not count towards
   * the time to first token.
   */
  static boolean carriesOutput(Object event) {
    String type = JsonReader.text(event, "type");
    if (type != null) {
      return type.equals("content_block_delta")
          || (type.startsWith("response.") && type.endsWith(".delta"));
    }
    Object choices = JsonReader.path(event, "choices");
    if (choices instanceof List) {
      for (Object choice : (List<?>) choices) {
        Object delta = JsonReader.path(choice, "delta");
        Object content = JsonReader.path(delta, "content");
        if ((content instanceof String && !((String) content).isEmpty())
            || JsonReader.path(delta, "tool_calls") != null
            || JsonReader.path(delta, "reasoning_content") != null
            || JsonReader.path(delta, "reasoning") != null
            || JsonReader.path(choice, "text") != null) {
          return true;
        }
      }
    }
    return false;
  }

  void applyTo(LlmSpan span) {
    span.set(GenAiKeys.RESPONSE_ID, id);
    span.set(GenAiKeys.RESPONSE_MODEL, model);
    List<String> reasons = finishReasons;
    if (responsesStatus != null) {
      reasons = new ArrayList<String>();
      reasons.add("completed".equals(responsesStatus) ? "stop" : responsesStatus);
    }
    if (!reasons.isEmpty()) {
      span.set(GenAiKeys.RESPONSE_FINISH_REASONS, reasons);
    }
    Long inputTokens = input;
    if (endpoint.isAnthropic() && input != null) {
      inputTokens =
          input + (cacheRead == null ? 0 : cacheRead) + (cacheWrite == null ? 0 : cacheWrite);
    }
    span.set(GenAiKeys.USAGE_INPUT_TOKENS, inputTokens);
    span.set(GenAiKeys.USAGE_OUTPUT_TOKENS, output);
    span.set(GenAiKeys.USAGE_CACHE_READ_INPUT_TOKENS, cacheRead);
    span.set(USAGE_CACHE_CREATION_INPUT_TOKENS, cacheWrite);
    span.set(GenAiKeys.USAGE_REASONING_OUTPUT_TOKENS, reasoning);
  }

  private static <T> T first(T current, T candidate) {
    return current != null ? current : candidate;
  }

  private static <T> T last(T current, T candidate) {
    return candidate != null ? candidate : current;
  }
}
