package dev.boxscore.otel.ext.springai;

import net.bytebuddy.asm.Advice;

/**
 * {@code ToolCallingManager.executeToolCalls(Prompt, ChatResponse)}: a Spring AI 1.1 model runs the
 * tools from inside its {@code call}/{@code stream}, while the round's span would still be open and
 * current. The round's span ends here (the provider call is over) and the tools run under the
 * call's parent context, so an LLM call a tool makes gets its own span instead of being taken for
 * part of this one. Outside a traced model (2.0's ChatClient advisors) this does nothing.
 */
public final class ToolExecutionInstrumentation {
  private ToolExecutionInstrumentation() {}

  @SuppressWarnings("unused")
  public static final class ExecuteToolCallsAdvice {
    private ExecuteToolCallsAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static SpringAiChain onEnter(@Advice.Argument(1) Object response) {
      return SpringAiChain.beforeTools(response);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(@Advice.Enter SpringAiChain chain) {
      if (chain != null) {
        chain.afterTools();
      }
    }
  }
}
