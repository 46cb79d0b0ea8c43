package dev.boxscore.otel.ext.springai;

import dev.boxscore.otel.ext.common.GenAiKeys;
import dev.boxscore.otel.ext.common.LlmSpan;
import java.util.ArrayList;
import java.util.List;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.tool.ToolCallback;

/**
 * A call's request options as the model will send them: the prompt's value of each option, else the
 * model's default. Never throws for an option its provider does not support.
 */
final class SpringAiOptions {
  private SpringAiOptions() {}

  private enum Option {
    MODEL,
    MAX_TOKENS,
    TEMPERATURE,
    TOP_P,
    TOP_K,
    FREQUENCY_PENALTY,
    PRESENCE_PENALTY,
    STOP_SEQUENCES
  }

  /** The model asked for; null when neither the request nor the defaults name one. */
  static String model(ChatOptions request, ChatOptions defaults) {
    return (String) option(request, defaults, Option.MODEL);
  }

  /** Records the request parameters and the names of the tools offered. */
  static void record(LlmSpan span, ChatOptions options, ChatOptions defaults) {
    Object maxTokens = option(options, defaults, Option.MAX_TOKENS);
    span.setLong(
        GenAiKeys.REQUEST_MAX_TOKENS, maxTokens instanceof Integer ? (Integer) maxTokens : null);
    span.set(GenAiKeys.REQUEST_TEMPERATURE, (Double) option(options, defaults, Option.TEMPERATURE));
    span.set(GenAiKeys.REQUEST_TOP_P, (Double) option(options, defaults, Option.TOP_P));
    Object topK = option(options, defaults, Option.TOP_K);
    span.setLong(GenAiKeys.REQUEST_TOP_K, topK instanceof Integer ? (Integer) topK : null);
    span.set(
        GenAiKeys.REQUEST_FREQUENCY_PENALTY,
        (Double) option(options, defaults, Option.FREQUENCY_PENALTY));
    span.set(
        GenAiKeys.REQUEST_PRESENCE_PENALTY,
        (Double) option(options, defaults, Option.PRESENCE_PENALTY));
    List<String> stops = stopSequences(options, defaults);
    if (stops != null && !stops.isEmpty()) {
      span.set(GenAiKeys.REQUEST_STOP_SEQUENCES, new ArrayList<String>(stops));
    }
    List<String> tools = toolNames(options, defaults);
    if (!tools.isEmpty()) {
      span.set(GenAiKeys.TOOL_NAMES, tools);
    }
  }

  @SuppressWarnings("unchecked")
  static List<String> stopSequences(ChatOptions request, ChatOptions defaults) {
    return (List<String>) option(request, defaults, Option.STOP_SEQUENCES);
  }

  /** The tools the request offers, else those the model offers by default. */
  static List<String> toolNames(ChatOptions request, ChatOptions defaults) {
    List<String> tools = toolNames(request);
    return tools.isEmpty() ? toolNames(defaults) : tools;
  }

  /** The request's value of an option, else the model's default (what the model will send). */
  private static Object option(ChatOptions request, ChatOptions defaults, Option option) {
    Object value = request == null ? null : read(request, option);
    return value != null ? value : defaults == null ? null : read(defaults, option);
  }

  private static Object read(ChatOptions options, Option option) {
    try {
      if (option == Option.MODEL) {
        return emptyToNull(options.getModel());
      } else if (option == Option.MAX_TOKENS) {
        return options.getMaxTokens();
      } else if (option == Option.TEMPERATURE) {
        return options.getTemperature();
      } else if (option == Option.TOP_P) {
        return options.getTopP();
      } else if (option == Option.TOP_K) {
        return options.getTopK();
      } else if (option == Option.FREQUENCY_PENALTY) {
        return options.getFrequencyPenalty();
      } else if (option == Option.PRESENCE_PENALTY) {
        return options.getPresencePenalty();
      }
      return options.getStopSequences();
    } catch (Throwable t) {
      // some option classes throw for what their provider does not support
      return null;
    }
  }

  private static List<String> toolNames(ChatOptions options) {
    List<String> names = new ArrayList<String>();
    if (options instanceof ToolCallingChatOptions) {
      List<ToolCallback> callbacks = ((ToolCallingChatOptions) options).getToolCallbacks();
      if (callbacks != null) {
        for (ToolCallback callback : callbacks) {
          if (callback != null && callback.getToolDefinition() != null) {
            names.add(callback.getToolDefinition().name());
          }
        }
      }
    }
    return names;
  }

  private static String emptyToNull(String value) {
    return value != null && !value.trim().isEmpty() ? value : null;
  }
}
