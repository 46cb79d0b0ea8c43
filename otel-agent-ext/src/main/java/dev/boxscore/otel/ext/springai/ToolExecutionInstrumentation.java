package dev.boxscore.otel.ext.springai;

import static io.opentelemetry.javaagent.extension.matcher.AgentElementMatchers.hasClassesNamed;
import static io.opentelemetry.javaagent.extension.matcher.AgentElementMatchers.implementsInterface;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.javaagent.extension.instrumentation.TypeTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code ToolCallingManager.executeToolCalls(Prompt, ChatResponse)}: a Spring AI 1.1 model runs the tools from inside
 * its {@code call}/{@code stream}, while the round's span would still be open and current. The round's span ends
 * here (the provider call is over) and the tools run under the call's parent context, so an LLM call a tool makes
 * gets its own span instead of being taken for part of this one. Outside a traced model (2.0's ChatClient advisors)
 * this does nothing.
 */
public final class ToolExecutionInstrumentation implements TypeInstrumentation {
  static final String TOOL_CALLING_MANAGER = "org.springframework.ai.model.tool.ToolCallingManager";

  @Override
  public ElementMatcher<ClassLoader> classLoaderOptimization() {
    return hasClassesNamed(TOOL_CALLING_MANAGER);
  }

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return implementsInterface(named(TOOL_CALLING_MANAGER)).and(not(isInterface()));
  }

  @Override
  public void transform(TypeTransformer transformer) {
    transformer.applyAdviceToMethod(named("executeToolCalls").and(takesArguments(2))
        .and(takesArgument(0, named(ChatModelCallInstrumentation.PROMPT)))
        .and(takesArgument(1, named("org.springframework.ai.chat.model.ChatResponse"))).and(not(isAbstract())),
        ToolExecutionInstrumentation.class.getName() + "$ExecuteToolCallsAdvice");
  }

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
