package dev.boxscore.otel.ext.springai;

import dev.boxscore.otel.ext.common.MessagesWriter;
import dev.boxscore.otel.ext.common.Redactor;
import java.util.List;
import java.util.Locale;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.MessageType;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.model.Generation;

/**
 * A call's messages in the GenAI JSON form: the prompt's (input), the response's generations and a
 * stream's assembled reply (output); and the system text the prompt fingerprint is taken of.
 */
final class SpringAiMessages {
  private SpringAiMessages() {}

  static String systemText(List<Message> messages) {
    StringBuilder text = null;
    for (Message message : messages) {
      if (message != null && message.getMessageType() == MessageType.SYSTEM) {
        if (text == null) {
          text = new StringBuilder();
        } else {
          text.append('\n');
        }
        text.append(message.getText());
      }
    }
    return text == null ? null : text.toString();
  }

  static String inputMessages(List<Message> messages, Redactor redactor) {
    MessagesWriter out = new MessagesWriter(redactor);
    for (Message message : messages) {
      if (message == null) {
        continue;
      }
      MessageType type = message.getMessageType();
      if (type == MessageType.SYSTEM) {
        out.message("system").text(message.getText());
      } else if (type == MessageType.USER) {
        out.message("user").text(message.getText());
      } else if (type == MessageType.ASSISTANT) {
        out.message("assistant");
        writeAssistant(
            out, message instanceof AssistantMessage ? (AssistantMessage) message : null);
      } else if (type == MessageType.TOOL && message instanceof ToolResponseMessage) {
        out.message("tool");
        for (Object response : ((ToolResponseMessage) message).getResponses()) {
          out.toolResult(
              RecordAccess.string(response, "id"), RecordAccess.string(response, "responseData"));
        }
      }
    }
    return out.finish();
  }

  /** One assistant message per generation of a response. */
  static String outputMessages(List<Generation> results, Redactor redactor) {
    MessagesWriter out = new MessagesWriter(redactor);
    for (Generation generation : results) {
      out.message("assistant");
      writeAssistant(out, generation.getOutput());
      out.finishReason(finishReason(generation));
    }
    return out.finish();
  }

  /** The one assistant message a stream's elements made up. */
  static String streamedMessages(
      String text, List<Object> toolCalls, String finishReason, Redactor redactor) {
    MessagesWriter out = new MessagesWriter(redactor).message("assistant").text(text);
    for (Object call : toolCalls) {
      toolCall(out, call);
    }
    return out.finishReason(finishReason).finish();
  }

  /** A generation's finish reason in lower case; null when it reports none. */
  static String finishReason(Generation generation) {
    if (generation == null || generation.getMetadata() == null) {
      return null;
    }
    String reason = generation.getMetadata().getFinishReason();
    return notBlank(reason) ? reason.toLowerCase(Locale.ROOT) : null;
  }

  private static void writeAssistant(MessagesWriter out, AssistantMessage message) {
    if (message == null) {
      return;
    }
    if (notBlank(message.getText())) {
      out.text(message.getText());
    }
    if (message.getToolCalls() != null) {
      for (Object call : message.getToolCalls()) {
        toolCall(out, call);
      }
    }
  }

  /**
   * Spring AI's tool call is a record, which Java 8 bytecode cannot name: read by accessor name.
   */
  private static void toolCall(MessagesWriter out, Object call) {
    out.toolCall(
        RecordAccess.string(call, "id"),
        RecordAccess.string(call, "name"),
        RecordAccess.string(call, "arguments"));
  }

  private static boolean notBlank(String value) {
    return value != null && !value.trim().isEmpty();
  }
}
