package dev.boxscore.otel.ext.openai;

import com.openai.models.responses.ResponseStreamEvent;

/**
 * Whether a Responses API stream event carries output (a {@code response.*.delta}): the first such
 * event marks the time to first token. {@code response.created} and {@code response.in_progress}
 * come at once, before any token.
 */
final class ResponseEventOutput {
  private ResponseEventOutput() {}

  static boolean carriesOutput(ResponseStreamEvent event) {
    try {
      // the common deltas first: event kinds newer than the application's SDK are then never asked
      // about
      return event.isOutputTextDelta()
          || event.isFunctionCallArgumentsDelta()
          || event.isRefusalDelta()
          || event.isReasoningTextDelta()
          || event.isReasoningSummaryTextDelta()
          || event.isAudioDelta()
          || event.isAudioTranscriptDelta()
          || event.isCodeInterpreterCallCodeDelta()
          || event.isCustomToolCallInputDelta()
          || event.isMcpCallArgumentsDelta()
          || event.isShellCallCommandDelta()
          || event.isShellCallOutputContentDelta();
    } catch (Throwable t) {
      // an older SDK without one of the newer kinds: this event is none of the older ones
      return false;
    }
  }
}
