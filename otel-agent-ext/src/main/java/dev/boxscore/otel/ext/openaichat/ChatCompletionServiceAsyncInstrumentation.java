package dev.boxscore.otel.ext.openaichat;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import com.openai.core.http.AsyncStreamResponse;
import com.openai.models.chat.completions.ChatCompletionChunk;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.javaagent.extension.instrumentation.TypeTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code ChatCompletionServiceAsyncImpl.createStreaming}: the stock agent's async wrapper calls it with its
 * {@code chat} span current and ends that span when the application's handler completes, so the returned stream's
 * handler is observed and the first chunk's time set on that span before it ends.
 */
public final class ChatCompletionServiceAsyncInstrumentation implements TypeInstrumentation {
  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named("com.openai.services.async.chat.ChatCompletionServiceAsyncImpl");
  }

  @Override
  public void transform(TypeTransformer transformer) {
    transformer.applyAdviceToMethod(named("createStreaming").and(takesArguments(2))
        .and(takesArgument(0, named("com.openai.models.chat.completions.ChatCompletionCreateParams"))),
        ChatCompletionServiceAsyncInstrumentation.class.getName() + "$CreateStreamingAdvice");
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
        @Advice.Return(readOnly = false) AsyncStreamResponse<ChatCompletionChunk> stream) {
      if (timer != null && stream != null) {
        stream = new FirstChunkAsyncStream(stream, timer);
      }
    }
  }
}
