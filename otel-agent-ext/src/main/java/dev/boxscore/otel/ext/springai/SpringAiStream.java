package dev.boxscore.otel.ext.springai;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;

/**
 * What a stream's elements have carried so far: the latest id, model and non-zero usage, every
 * finish reason, the text (when content is captured) and the tool calls. Elements may arrive on
 * different threads.
 */
final class SpringAiStream {
  private volatile String id;
  private volatile String model;
  private volatile Usage usage;
  private final List<String> finishReasons = Collections.synchronizedList(new ArrayList<String>());
  private final StringBuilder text = new StringBuilder();
  private final List<Object> toolCalls = Collections.synchronizedList(new ArrayList<Object>());

  /**
   * Takes in one element; true when it carried a token: text or a tool call, not the provider's
   * opening role-only chunk (OpenAI sends one at once), so the time to the first token is taken at
   * the right element.
   */
  boolean add(ChatResponse response, boolean captureText) {
    boolean token = false;
    ChatResponseMetadata metadata = response.getMetadata();
    if (metadata != null) {
      if (notBlank(metadata.getId())) {
        id = metadata.getId();
      }
      if (notBlank(metadata.getModel())) {
        model = metadata.getModel();
      }
      Usage reported = metadata.getUsage();
      if (reported != null
          && (positive(reported.getPromptTokens()) || positive(reported.getCompletionTokens()))) {
        usage = reported;
      }
    }
    List<Generation> results = response.getResults();
    if (results != null) {
      for (Generation generation : results) {
        String reason = SpringAiMessages.finishReason(generation);
        if (reason != null) {
          finishReasons.add(reason);
        }
        AssistantMessage output = generation.getOutput();
        if (output != null) {
          if ((output.getText() != null && !output.getText().isEmpty())
              || (output.getToolCalls() != null && !output.getToolCalls().isEmpty())) {
            token = true;
          }
          if (output.getText() != null && captureText) {
            synchronized (text) {
              text.append(output.getText());
            }
          }
          if (output.getToolCalls() != null) {
            toolCalls.addAll(output.getToolCalls());
          }
        }
      }
    }
    return token;
  }

  String id() {
    return id;
  }

  String model() {
    return model;
  }

  Usage usage() {
    return usage;
  }

  List<String> finishReasons() {
    synchronized (finishReasons) {
      return new ArrayList<String>(finishReasons);
    }
  }

  /** The text streamed, or null when there was none (or it was not captured). */
  String text() {
    synchronized (text) {
      return text.length() == 0 ? null : text.toString();
    }
  }

  List<Object> toolCalls() {
    synchronized (toolCalls) {
      return new ArrayList<Object>(toolCalls);
    }
  }

  private static boolean positive(Integer value) {
    return value != null && value > 0;
  }

  private static boolean notBlank(String value) {
    return value != null && !value.trim().isEmpty();
  }
}
