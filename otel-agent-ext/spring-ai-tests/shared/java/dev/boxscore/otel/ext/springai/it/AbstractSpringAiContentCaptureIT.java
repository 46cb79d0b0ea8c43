package dev.boxscore.otel.ext.springai.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boxscore.otel.ext.it.OtlpReceiver;
import dev.boxscore.otel.ext.it.OtlpReceiver.ReceivedSpan;
import dev.boxscore.otel.ext.it.Traces;
import dev.boxscore.simulator.ProviderSimulator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatResponse;

/**
 * Opt-in content capture (its own failsafe execution: {@code -Dotel.instrumentation.genai.capture-message-content=true},
 * {@code -Dboxscore.capture.max-length=120}, {@code -Dboxscore.capture.redact-regex=T-[0-9]{5}}): a tool round trip
 * through ChatClient, each provider call's messages in the {@code gen_ai.input.messages} / {@code
 * gen_ai.output.messages} form, redacted and truncated before export.
 */
public abstract class AbstractSpringAiContentCaptureIT {
  static ProviderSimulator sim;

  protected abstract SpringAiLine line();

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
  void messagesOfEachRoundAreRecordedRedactedAndTruncated() throws Exception {
    String longSystem = "You are the support assistant. " + "Follow the refund policy to the letter. ".repeat(10);
    String user = "I am jane.doe@example.com, card 4111 1111 1111 1111, ticket T-12345, key "
        + "sk-live0123456789abcdefXYZ. Please call get_weather for Lisbon";
    AtomicReference<ChatResponse> response = new AtomicReference<>();
    String traceId = Traces.inRootSpan(() -> response.set(ChatClient.create(line().openAi(sim.baseUrl(),
        "gpt-4o-mini", Map.of())).prompt().system(longSystem).user(user).tools(new WeatherTools()).call()
        .chatResponse()));

    List<ReceivedSpan> llm = AbstractSpringAiIT.llmSpans(traceId, 2);
    String truncatedSystem = longSystem.substring(0, 120 - "...[truncated]".length()) + "...[truncated]";
    String system = "{\"role\":\"system\",\"parts\":[{\"type\":\"text\",\"content\":\"" + truncatedSystem + "\"}]}";
    String redactedUser = "{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"I am [REDACTED_EMAIL], "
        + "card [REDACTED_CARD], ticket [REDACTED], key [REDACTED_KEY]. Please call get_weather for Lisbon\"}]}";
    assertThat(llm.get(0).attributes().get("gen_ai.input.messages"))
        .isEqualTo("[" + system + "," + redactedUser + "]");
    String toolCall = (String) llm.get(0).attributes().get("gen_ai.output.messages");
    assertThat(toolCall).matches("\\[\\{\"role\":\"assistant\",\"parts\":\\[\\{\"type\":\"tool_call\",\"id\":\"call_[^\"]+\","
        + "\"name\":\"get_weather\",\"arguments\":\"\\{\\\\\"city\\\\\":\\\\\"Lisbon\\\\\"}\"}],"
        + "\"finish_reason\":\"tool_calls\"}]");
    String callId = toolCall.replaceAll(".*\"id\":\"(call_[^\"]+)\".*", "$1");
    String assistant = toolCall.substring(1, toolCall.indexOf(",\"finish_reason\"")) + "}";
    assertThat(llm.get(1).attributes().get("gen_ai.input.messages")).isEqualTo("[" + system + "," + redactedUser
        + "," + assistant + ",{\"role\":\"tool\",\"parts\":[{\"type\":\"tool_call_response\",\"id\":\"" + callId
        + "\",\"response\":\"" + line().toolResultAsSent("Sunny, 21 C in Lisbon") + "\"}]}]");
    String answer = response.get().getResult().getOutput().getText();
    assertThat(llm.get(1).attributes().get("gen_ai.output.messages")).isEqualTo(
        "[{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":\""
            + (answer.length() > 120 ? answer.substring(0, 106) + "...[truncated]" : answer)
            + "\"}],\"finish_reason\":\"stop\"}]");
  }
}
