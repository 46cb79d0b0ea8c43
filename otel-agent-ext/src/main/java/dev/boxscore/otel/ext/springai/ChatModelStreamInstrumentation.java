package dev.boxscore.otel.ext.springai;

import net.bytebuddy.asm.Advice;
import org.springframework.ai.chat.model.ChatResponse;
import reactor.core.publisher.Flux;

/**
 * {@code StreamingChatModel.stream(Prompt)} of every implementation: the returned Flux is wrapped
 * so that the span starts when it is subscribed (when the request goes out), the first element
 * gives the time to first chunk, and completion, error or cancellation ends it.
 */
public final class ChatModelStreamInstrumentation {
  private ChatModelStreamInstrumentation() {}

  @SuppressWarnings("unused")
  public static final class StreamAdvice {
    private StreamAdvice() {}

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void onExit(
        @Advice.This Object model,
        @Advice.Argument(0) Object prompt,
        @Advice.Return(readOnly = false) Flux<ChatResponse> flux) {
      flux = SpringAiChain.traceStream(model, prompt, flux);
    }
  }
}
