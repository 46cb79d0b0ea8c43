package dev.boxscore.otel.ext.langchain4j;

import static io.opentelemetry.javaagent.extension.matcher.AgentElementMatchers.hasClassesNamed;
import static io.opentelemetry.javaagent.extension.matcher.AgentElementMatchers.implementsInterface;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.langchain4j.model.chat.response.ChatResponse;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.javaagent.extension.instrumentation.TypeTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/** {@code ChatModel.doChat(ChatRequest)}: the synchronous provider call. */
public final class ChatModelInstrumentation implements TypeInstrumentation {
  @Override
  public ElementMatcher<ClassLoader> classLoaderOptimization() {
    return hasClassesNamed("dev.langchain4j.model.chat.ChatModel");
  }

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return implementsInterface(named("dev.langchain4j.model.chat.ChatModel"));
  }

  @Override
  public void transform(TypeTransformer transformer) {
    transformer.applyAdviceToMethod(named("doChat").and(takesArguments(1))
        .and(takesArgument(0, named("dev.langchain4j.model.chat.request.ChatRequest"))).and(not(isAbstract())),
        ChatModelInstrumentation.class.getName() + "$DoChatAdvice");
  }

  @SuppressWarnings("unused")
  public static final class DoChatAdvice {
    private DoChatAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static LangChain4jCall onEnter(@Advice.This Object model, @Advice.Argument(0) Object request) {
      LangChain4jCall call = LangChain4jCall.start(model, request, false);
      if (call != null) {
        call.attach();
      }
      return call;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(@Advice.Enter LangChain4jCall call, @Advice.Return ChatResponse response,
        @Advice.Thrown Throwable error) {
      if (call != null) {
        call.detach();
        call.end(response, error);
      }
    }
  }
}
