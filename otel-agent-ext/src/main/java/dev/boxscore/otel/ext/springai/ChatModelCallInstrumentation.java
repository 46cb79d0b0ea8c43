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
import org.springframework.ai.chat.model.ChatResponse;

/** {@code ChatModel.call(Prompt)} of every implementation: the synchronous provider call. */
public final class ChatModelCallInstrumentation implements TypeInstrumentation {
  static final String CHAT_MODEL = "org.springframework.ai.chat.model.ChatModel";
  static final String PROMPT = "org.springframework.ai.chat.prompt.Prompt";

  @Override
  public ElementMatcher<ClassLoader> classLoaderOptimization() {
    return hasClassesNamed(CHAT_MODEL);
  }

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return implementsInterface(named(CHAT_MODEL)).and(not(isInterface()));
  }

  @Override
  public void transform(TypeTransformer transformer) {
    transformer.applyAdviceToMethod(named("call").and(takesArguments(1)).and(takesArgument(0, named(PROMPT)))
        .and(not(isAbstract())), ChatModelCallInstrumentation.class.getName() + "$CallAdvice");
  }

  @SuppressWarnings("unused")
  public static final class CallAdvice {
    private CallAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static SpringAiChain onEnter(@Advice.This Object model, @Advice.Argument(0) Object prompt) {
      SpringAiChain chain = SpringAiChain.start(model, prompt, false);
      if (chain != null) {
        chain.attach();
      }
      return chain;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(@Advice.Enter SpringAiChain chain, @Advice.Return ChatResponse response,
        @Advice.Thrown Throwable error) {
      if (chain != null) {
        chain.detach();
        chain.end(response, error);
      }
    }
  }
}
