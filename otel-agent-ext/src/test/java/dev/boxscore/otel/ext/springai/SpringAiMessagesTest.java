package dev.boxscore.otel.ext.springai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boxscore.otel.ext.common.Redactor;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.metadata.ChatGenerationMetadata;
import org.springframework.ai.chat.model.Generation;

/** A call's messages in the GenAI JSON form. */
class SpringAiMessagesTest {
  private static final Redactor REDACTOR = new Redactor(null, 10_000);
  private static final AssistantMessage.ToolCall CALL =
      new AssistantMessage.ToolCall("call_1", "function", "weather", "{\"city\":\"Paris\"}");

  @Test
  void theSystemTextIsEverySystemMessageJoined() {
    List<Message> messages =
        List.of(
            new SystemMessage("Be brief."),
            new UserMessage("Hi"),
            new SystemMessage("Answer in French."));

    assertThat(SpringAiMessages.systemText(messages)).isEqualTo("Be brief.\nAnswer in French.");
    assertThat(SpringAiMessages.systemText(List.of(new UserMessage("Hi")))).isNull();
  }

  @Test
  void inputMessagesCarryTextToolCallsAndToolResults() {
    List<Message> messages =
        List.of(
            new SystemMessage("Be brief."),
            new UserMessage("Weather in Paris?"),
            AssistantMessage.builder().content("").toolCalls(List.of(CALL)).build(),
            ToolResponseMessage.builder()
                .responses(
                    List.of(new ToolResponseMessage.ToolResponse("call_1", "weather", "sunny")))
                .build());

    assertThat(SpringAiMessages.inputMessages(messages, REDACTOR))
        .isEqualTo(
            "["
                + "{\"role\":\"system\",\"parts\":[{\"type\":\"text\",\"content\":\"Be brief.\"}]},"
                + "{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"Weather in Paris?\"}]},"
                + "{\"role\":\"assistant\",\"parts\":[{\"type\":\"tool_call\",\"id\":\"call_1\",\"name\":\"weather\","
                + "\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\"}]},"
                + "{\"role\":\"tool\",\"parts\":[{\"type\":\"tool_call_response\",\"id\":\"call_1\",\"response\":\"sunny\"}]}"
                + "]");
  }

  @Test
  void outputMessagesAreOnePerGenerationWithItsFinishReason() {
    List<Generation> results =
        List.of(
            new Generation(
                new AssistantMessage("Sunny."),
                ChatGenerationMetadata.builder().finishReason("STOP").build()),
            new Generation(new AssistantMessage("Rainy.")));

    assertThat(SpringAiMessages.outputMessages(results, REDACTOR))
        .isEqualTo(
            "["
                + "{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":\"Sunny.\"}],\"finish_reason\":\"stop\"},"
                + "{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":\"Rainy.\"}]}]");
  }

  @Test
  void aStreamedReplyIsOneAssistantMessage() {
    assertThat(
            SpringAiMessages.streamedMessages(
                "Let me check.", List.<Object>of(CALL), "tool_calls", REDACTOR))
        .isEqualTo(
            "[{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":\"Let me check.\"},"
                + "{\"type\":\"tool_call\",\"id\":\"call_1\",\"name\":\"weather\",\"arguments\":"
                + "\"{\\\"city\\\":\\\"Paris\\\"}\"}],\"finish_reason\":\"tool_calls\"}]");
  }

  @Test
  void aFinishReasonIsLowerCaseAndNullWhenNotReported() {
    assertThat(
            SpringAiMessages.finishReason(
                new Generation(
                    new AssistantMessage("x"),
                    ChatGenerationMetadata.builder().finishReason("LENGTH").build())))
        .isEqualTo("length");
    assertThat(SpringAiMessages.finishReason(new Generation(new AssistantMessage("x")))).isNull();
    assertThat(SpringAiMessages.finishReason(null)).isNull();
  }
}
