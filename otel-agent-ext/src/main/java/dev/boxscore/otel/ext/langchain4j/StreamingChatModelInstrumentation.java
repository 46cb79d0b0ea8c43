package dev.boxscore.otel.ext.langchain4j;

import static io.opentelemetry.javaagent.extension.matcher.AgentElementMatchers.hasClassesNamed;
import static io.opentelemetry.javaagent.extension.matcher.AgentElementMatchers.implementsInterface;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.javaagent.extension.instrumentation.TypeTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code StreamingChatModel.doChat(ChatRequest, StreamingChatResponseHandler)}: the span starts here and ends in the
 * wrapped handler's completion or error callback; the first partial callback gives the time to first chunk.
 */
public final class StreamingChatModelInstrumentation implements TypeInstrumentation {
  @Override
  public ElementMatcher<ClassLoader> classLoaderOptimization() {
    return hasClassesNamed("dev.langchain4j.model.chat.StreamingChatModel");
  }

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return implementsInterface(named("dev.langchain4j.model.chat.StreamingChatModel"));
  }

  @Override
  public void transform(TypeTransformer transformer) {
    transformer.applyAdviceToMethod(named("doChat").and(takesArguments(2))
        .and(takesArgument(0, named("dev.langchain4j.model.chat.request.ChatRequest")))
        .and(takesArgument(1, named("dev.langchain4j.model.chat.response.StreamingChatResponseHandler")))
        .and(not(isAbstract())),
        StreamingChatModelInstrumentation.class.getName() + "$DoChatAdvice");
  }

  @SuppressWarnings("unused")
  public static final class DoChatAdvice {
    private DoChatAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static LangChain4jCall onEnter(@Advice.This Object model, @Advice.Argument(0) Object request,
        @Advice.Argument(value = 1, readOnly = false) StreamingChatResponseHandler handler) {
      if (handler == null) {
        return null;
      }
      LangChain4jCall call = LangChain4jCall.start(model, request, true);
      if (call != null) {
        handler = new TracingStreamingHandler(handler, call);
        call.attach();
      }
      return call;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(@Advice.Enter LangChain4jCall call, @Advice.Thrown Throwable error) {
      if (call != null) {
        call.detach();
        if (error != null) {
          call.end(null, error);
        }
      }
    }
  }
}
