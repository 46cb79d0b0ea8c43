package dev.boxscore.otel.ext.openaichat;

import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletionChunk;
import net.bytebuddy.asm.Advice;

/**
 * {@code ChatCompletionServiceImpl.createStreaming}: the stock agent's wrapper calls it with its
 * {@code chat} span current, so the returned stream is observed and the first chunk's time set on
 * that span.
 */
public final class ChatCompletionServiceInstrumentation {
  private ChatCompletionServiceInstrumentation() {}

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
        @Advice.Return(readOnly = false) StreamResponse<ChatCompletionChunk> stream) {
      if (timer != null && stream != null) {
        stream = new FirstChunkStream(stream, timer);
      }
    }
  }
}
