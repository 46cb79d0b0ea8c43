package dev.boxscore.otel.ext.springai;

import static io.opentelemetry.javaagent.extension.matcher.AgentElementMatchers.hasClassesNamed;
import static io.opentelemetry.javaagent.extension.matcher.AgentElementMatchers.implementsInterface;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.javaagent.extension.instrumentation.TypeTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Spring AI 1.1 models execute the tools the provider asked for and call the provider again, from inside
 * {@code call}/{@code stream}, through {@code internalCall(Prompt, ChatResponse previous)} /
 * {@code internalStream(Prompt, ChatResponse previous)}. A call with a previous response is such a continuation: it
 * gets its own span (a sibling of the round before, whose span {@link ToolExecutionInstrumentation} ended when the
 * tools ran, or ends here with that response), so each provider call has one span. Spring AI 2.0 leaves the tool loop to ChatClient's advisors: every round is a
 * {@code call}/{@code stream} of its own and this never fires.
 */
public final class ToolContinuationInstrumentation implements TypeInstrumentation {
  @Override
  public ElementMatcher<ClassLoader> classLoaderOptimization() {
    return hasClassesNamed(ChatModelCallInstrumentation.CHAT_MODEL);
  }

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return implementsInterface(named(ChatModelCallInstrumentation.CHAT_MODEL)).and(not(isInterface()));
  }

  @Override
  public void transform(TypeTransformer transformer) {
    transformer.applyAdviceToMethod(namedOneOf("internalCall", "internalStream").and(takesArguments(2))
        .and(takesArgument(0, named(ChatModelCallInstrumentation.PROMPT)))
        .and(takesArgument(1, named("org.springframework.ai.chat.model.ChatResponse"))).and(not(isAbstract())),
        ToolContinuationInstrumentation.class.getName() + "$ContinuationAdvice");
  }

  @SuppressWarnings("unused")
  public static final class ContinuationAdvice {
    private ContinuationAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static SpringAiCall onEnter(@Advice.This Object model, @Advice.Argument(0) Object prompt,
        @Advice.Argument(1) Object previous) {
      SpringAiCall call = SpringAiChain.continueAfterTools(model, prompt, previous);
      if (call != null) {
        call.attach();
      }
      return call;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(@Advice.Enter SpringAiCall call,
        @Advice.Return(readOnly = false, typing = net.bytebuddy.implementation.bytecode.assign.Assigner.Typing.DYNAMIC)
        Object result) {
      if (call != null) {
        call.detach();
        result = call.subscribedInContext(result);
      }
    }
  }
}
