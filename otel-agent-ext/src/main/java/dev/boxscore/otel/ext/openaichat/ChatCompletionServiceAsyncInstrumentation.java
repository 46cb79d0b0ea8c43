package dev.boxscore.otel.ext.openaichat;

import com.openai.core.http.AsyncStreamResponse;
import com.openai.models.chat.completions.ChatCompletionChunk;
import net.bytebuddy.asm.Advice;

/**
 * {@code ChatCompletionServiceAsyncImpl.createStreaming}: the stock agent's async wrapper calls it
 * with its {@code chat} span current and ends that span when the application's handler completes,
 * so the returned stream's handler is observed and the first chunk's time set on that span before
 * it ends.
 */
public final class ChatCompletionServiceAsyncInstrumentation {
  private ChatCompletionServiceAsyncInstrumentation() {}

  @SuppressWarnings("unused")
  public static final class CreateStreamingAdvice {
    private CreateStreamingAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static FirstChunkTimer onEnter() {
      return FirstChunkTimer.forCurrentSpan();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(
        @Advice.Enter FirstChunkTimer timer,
        @Advice.Return(readOnly = false) AsyncStreamResponse<ChatCompletionChunk> stream) {
      if (timer != null && stream != null) {
        stream = new FirstChunkAsyncStream(stream, timer);
      }
    }
  }
}
