package dev.boxscore.otel.ext.openaichat;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletionChunk;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.javaagent.extension.instrumentation.TypeTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code ChatCompletionServiceImpl.createStreaming}: the stock agent's wrapper calls it with its {@code chat} span
 * current, so the returned stream is observed and the first chunk's time set on that span.
 */
public final class ChatCompletionServiceInstrumentation implements TypeInstrumentation {
  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named("com.openai.services.blocking.chat.ChatCompletionServiceImpl");
  }

  @Override
  public void transform(TypeTransformer transformer) {
    transformer.applyAdviceToMethod(named("createStreaming").and(takesArguments(2))
        .and(takesArgument(0, named("com.openai.models.chat.completions.ChatCompletionCreateParams"))),
        ChatCompletionServiceInstrumentation.class.getName() + "$CreateStreamingAdvice");
  }

  @SuppressWarnings("unused")
  public static final class CreateStreamingAdvice {
    private CreateStreamingAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static FirstChunkTimer onEnter() {
      return FirstChunkTimer.forCurrentSpan();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(@Advice.Enter FirstChunkTimer timer,
        @Advice.Return(readOnly = false) StreamResponse<ChatCompletionChunk> stream) {
      if (timer != null && stream != null) {
        stream = new FirstChunkStream(stream, timer);
      }
    }
  }
}
