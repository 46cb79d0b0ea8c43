package dev.boxscore.otel.ext.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boxscore.otel.ext.it.OtlpReceiver.ReceivedSpan;
import dev.boxscore.simulator.ProviderSimulator;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Opt-in content capture (its own failsafe execution: {@code
 * -Dotel.instrumentation.genai.capture-message-content=true}, {@code
 * -Dboxscore.capture.max-length=120}, {@code -Dboxscore.capture.redact-regex=T-[0-9]{5}}): messages
 * in the {@code gen_ai.input.messages} / {@code gen_ai.output.messages} form, redacted and
 * truncated before export.
 */
class ContentCaptureIT {
  static ProviderSimulator sim;

  @BeforeAll
  static void start() {
    OtlpReceiver.get();
    sim = ProviderSimulator.builder().start();
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  @Test
  void messagesAreRecordedRedactedAndTruncated() throws Exception {
    OpenAiChatModel model =
        OpenAiChatModel.builder()
            .baseUrl(sim.openAiBaseUrl())
            .apiKey("test-key")
            .modelName("gpt-4o-mini")
            .maxRetries(0)
            .build();
    String longSystem =
        "You are the support assistant. " + "Follow the refund policy to the letter. ".repeat(10);
    AtomicReference<ChatResponse> response = new AtomicReference<>();
    String traceId =
        Traces.inRootSpan(
            () ->
                response.set(
                    model.chat(
                        ChatRequest.builder()
                            .messages(
                                SystemMessage.from(longSystem),
                                UserMessage.from(
                                    "I am jane.doe@example.com, card 4111 1111 1111 1111, ticket T-12345, key sk-live0123456789abcdefXYZ"),
                                AiMessage.from(
                                    List.of(
                                        ToolExecutionRequest.builder()
                                            .id("call_1")
                                            .name("lookup_order")
                                            .arguments("{\"email\":\"jane.doe@example.com\"}")
                                            .build())),
                                ToolExecutionResultMessage.from(
                                    "call_1", "lookup_order", "shipped"),
                                UserMessage.from("Thanks"))
                            .build())));

    List<ReceivedSpan> llm = Traces.llmSpans(Traces.awaitTrace(traceId, 3));
    assertThat(llm).hasSize(1);
    String truncatedSystem =
        longSystem.substring(0, 120 - "...[truncated]".length()) + "...[truncated]";
    assertThat(llm.get(0).attributes().get("gen_ai.input.messages"))
        .isEqualTo(
            "["
                + "{\"role\":\"system\",\"parts\":[{\"type\":\"text\",\"content\":\""
                + truncatedSystem
                + "\"}]},"
                + "{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"I am [REDACTED_EMAIL], card [REDACTED_CARD], "
                + "ticket [REDACTED], key [REDACTED_KEY]\"}]},"
                + "{\"role\":\"assistant\",\"parts\":[{\"type\":\"tool_call\",\"id\":\"call_1\",\"name\":\"lookup_order\","
                + "\"arguments\":\"{\\\"email\\\":\\\"[REDACTED_EMAIL]\\\"}\"}]},"
                + "{\"role\":\"tool\",\"parts\":[{\"type\":\"tool_call_response\",\"id\":\"call_1\",\"response\":\"shipped\"}]},"
                + "{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"Thanks\"}]}]");
    String answer = response.get().aiMessage().text();
    assertThat(llm.get(0).attributes().get("gen_ai.output.messages"))
        .isEqualTo(
            "[{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":\""
                + (answer.length() > 120 ? answer.substring(0, 106) + "...[truncated]" : answer)
                + "\"}],\"finish_reason\":\"stop\"}]");
  }
}
