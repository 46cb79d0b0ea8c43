package dev.boxscore.otel.ext.springai;

import net.bytebuddy.asm.Advice;
import org.springframework.ai.chat.model.ChatResponse;

/** {@code ChatModel.call(Prompt)} of every implementation: the synchronous provider call. */
public final class ChatModelCallInstrumentation {
  private ChatModelCallInstrumentation() {}

  @SuppressWarnings("unused")
  public static final class CallAdvice {
    private CallAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static SpringAiChain onEnter(
        @Advice.This Object model, @Advice.Argument(0) Object prompt) {
      SpringAiChain chain = SpringAiChain.start(model, prompt, false);
      if (chain != null) {
        chain.attach();
      }
      return chain;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(
        @Advice.Enter SpringAiChain chain,
        @Advice.Return ChatResponse response,
        @Advice.Thrown Throwable error) {
      if (chain != null) {
        chain.detach();
        chain.end(response, error);
      }
    }
  }
}
