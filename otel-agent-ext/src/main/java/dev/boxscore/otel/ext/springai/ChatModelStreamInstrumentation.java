package dev.boxscore.otel.ext.springai;

import static io.opentelemetry.javaagent.extension.matcher.AgentElementMatchers.hasClassesNamed;
import static io.opentelemetry.javaagent.extension.matcher.AgentElementMatchers.implementsInterface;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.javaagent.extension.instrumentation.TypeTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;
import org.springframework.ai.chat.model.ChatResponse;
import reactor.core.publisher.Flux;

/**
 * {@code StreamingChatModel.stream(Prompt)} of every implementation: the returned Flux is wrapped so that the span
 * starts when it is subscribed (when the request goes out), the first element gives the time to first chunk, and
 * completion, error or cancellation ends it.
 */
public final class ChatModelStreamInstrumentation implements TypeInstrumentation {
  static final String STREAMING_CHAT_MODEL = "org.springframework.ai.chat.model.StreamingChatModel";

  @Override
  public ElementMatcher<ClassLoader> classLoaderOptimization() {
    return hasClassesNamed(STREAMING_CHAT_MODEL);
  }

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return implementsInterface(named(STREAMING_CHAT_MODEL)).and(not(isInterface()));
  }

  @Override
  public void transform(TypeTransformer transformer) {
    transformer.applyAdviceToMethod(named("stream").and(takesArguments(1))
        .and(takesArgument(0, named(ChatModelCallInstrumentation.PROMPT)))
        .and(returns(named("reactor.core.publisher.Flux"))).and(not(isAbstract())),
        ChatModelStreamInstrumentation.class.getName() + "$StreamAdvice");
  }

  @SuppressWarnings("unused")
  public static final class StreamAdvice {
    private StreamAdvice() {}

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void onExit(@Advice.This Object model, @Advice.Argument(0) Object prompt,
        @Advice.Return(readOnly = false) Flux<ChatResponse> flux) {
      flux = SpringAiChain.traceStream(model, prompt, flux);
    }
  }
}
