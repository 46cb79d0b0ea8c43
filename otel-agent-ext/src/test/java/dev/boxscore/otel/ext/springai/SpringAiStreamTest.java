package dev.boxscore.otel.ext.springai;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.metadata.ChatGenerationMetadata;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;

/** A stream's state, element by element, as Spring AI models emit them. */
class SpringAiStreamTest {
  private final SpringAiStream stream = new SpringAiStream();

  private static ChatResponse element(
      String id, String model, DefaultUsage usage, AssistantMessage output, String finishReason) {
    ChatResponseMetadata metadata =
        ChatResponseMetadata.builder().id(id).model(model).usage(usage).build();
    Generation generation =
        finishReason == null
            ? new Generation(output)
            : new Generation(
                output, ChatGenerationMetadata.builder().finishReason(finishReason).build());
    return new ChatResponse(List.of(generation), metadata);
  }

  @Test
  void theLatestIdModelAndNonZeroUsageAreKept() {
    stream.add(
        element(
            "chatcmpl-1",
            "gpt-4o-2024-08-06",
            new DefaultUsage(0, 0),
            new AssistantMessage(""),
            null),
        true);
    stream.add(element("", "", new DefaultUsage(12, 7), new AssistantMessage("hi"), null), true);
    stream.add(element("", "", new DefaultUsage(0, 0), new AssistantMessage(""), "STOP"), true);

    assertThat(stream.id()).isEqualTo("chatcmpl-1");
    assertThat(stream.model()).isEqualTo("gpt-4o-2024-08-06");
    assertThat(stream.usage().getPromptTokens()).isEqualTo(12);
    assertThat(stream.usage().getCompletionTokens()).isEqualTo(7);
    assertThat(stream.finishReasons()).containsExactly("stop");
  }

  @Test
  void anElementCarriesATokenWithTextOrAToolCallNotWithTheOpeningRoleOnlyChunk() {
    AssistantMessage toolCall =
        AssistantMessage.builder()
            .content("")
            .toolCalls(
                List.of(
                    new AssistantMessage.ToolCall(
                        "call_1", "function", "weather", "{\"city\":\"Paris\"}")))
            .build();

    assertThat(stream.add(element("c", "m", null, new AssistantMessage(""), null), true)).isFalse();
    assertThat(stream.add(element("c", "m", null, new AssistantMessage("Hel"), null), true))
        .isTrue();
    assertThat(stream.add(element("c", "m", null, toolCall, null), true)).isTrue();
    assertThat(stream.toolCalls()).hasSize(1);
  }

  @Test
  void theTextIsAssembledOnlyWhenContentIsCaptured() {
    stream.add(element("c", "m", null, new AssistantMessage("Hel"), null), true);
    stream.add(element("c", "m", null, new AssistantMessage("lo"), null), true);
    assertThat(stream.text()).isEqualTo("Hello");

    SpringAiStream uncaptured = new SpringAiStream();
    assertThat(uncaptured.add(element("c", "m", null, new AssistantMessage("Hello"), null), false))
        .isTrue();
    assertThat(uncaptured.text()).isNull();
  }

  @Test
  void everyFinishReasonIsKeptInLowerCase() {
    stream.add(element("c", "m", null, new AssistantMessage("a"), "TOOL_CALLS"), true);
    stream.add(element("c", "m", null, new AssistantMessage("b"), " "), true);
    stream.add(element("c", "m", null, new AssistantMessage("c"), "Stop"), true);

    assertThat(stream.finishReasons()).containsExactly("tool_calls", "stop");
  }
}
