package dev.boxscore.otel.ext.springai.it;

import java.util.Map;
import org.springframework.ai.chat.model.ChatModel;

/** What differs between the Spring AI lines: how a user builds a model and configures a Boot application. */
interface SpringAiLine {
  /**
   * An OpenAI chat model at the simulator: {@code model}, temperature 0.2, max tokens 200, usage on streams, no
   * retries, sending {@code headers} with every request.
   */
  ChatModel openAi(String simulatorBaseUrl, String model, Map<String, String> headers);

  /** An Anthropic chat model at the simulator: claude-sonnet-4-5, max tokens 300, no retries, sending {@code headers}. */
  ChatModel anthropic(String simulatorBaseUrl, Map<String, String> headers);

  /** Boot properties that point the OpenAI starter at the simulator (model gpt-4o-mini, temperature 0.3). */
  Map<String, Object> bootProperties(String simulatorBaseUrl);

  /** A String tool result as the line puts it into the tool message (JSON-encoded in the span's JSON). */
  default String toolResultAsSent(String result) {
    return "\\\"" + result + "\\\"";
  }
}
