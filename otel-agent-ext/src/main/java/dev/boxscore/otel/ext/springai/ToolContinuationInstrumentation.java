package dev.boxscore.otel.ext.springai;

import net.bytebuddy.asm.Advice;

/**
 * Spring AI 1.1 models execute the tools the provider asked for and call the provider again, from
 * inside {@code call}/{@code stream}, through {@code internalCall(Prompt, ChatResponse previous)} /
 * {@code internalStream(Prompt, ChatResponse previous)}. A call with a previous response is such a
 * continuation: it gets its own span (a sibling of the round before, whose span {@link
 * ToolExecutionInstrumentation} ended when the tools ran, or ends here with that response), so each
 * provider call has one span. Spring AI 2.0 leaves the tool loop to ChatClient's advisors: every
 * round is a {@code call}/{@code stream} of its own and this never fires.
 */
public final class ToolContinuationInstrumentation {
  private ToolContinuationInstrumentation() {}

  @SuppressWarnings("unused")
  public static final class ContinuationAdvice {
    private ContinuationAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static SpringAiCall onEnter(
        @Advice.This Object model,
        @Advice.Argument(0) Object prompt,
        @Advice.Argument(1) Object previous) {
      SpringAiCall call = SpringAiChain.continueAfterTools(model, prompt, previous);
      if (call != null) {
        call.attach();
      }
      return call;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(
        @Advice.Enter SpringAiCall call,
        @Advice.Return(
                readOnly = false,
                typing = net.bytebuddy.implementation.bytecode.assign.Assigner.Typing.DYNAMIC)
            Object result) {
      if (call != null) {
        call.detach();
        result = call.subscribedInContext(result);
      }
    }
  }
}
