package dev.boxscore.otel.ext.openaichat;

import com.openai.core.http.AsyncStreamResponse;
import com.openai.models.chat.completions.ChatCompletionChunk;
import java.util.Optional;

/**
 * The application's async stream handler: each chunk passes the {@link FirstChunkTimer} just before
 * the handler gets it. Every callback is forwarded, the default {@code onComplete} too, or the
 * application would lose it.
 */
public final class FirstChunkHandler implements AsyncStreamResponse.Handler<ChatCompletionChunk> {
  private final AsyncStreamResponse.Handler<? super ChatCompletionChunk> delegate;
  private final FirstChunkTimer timer;

  public FirstChunkHandler(
      AsyncStreamResponse.Handler<? super ChatCompletionChunk> delegate, FirstChunkTimer timer) {
    this.delegate = delegate;
    this.timer = timer;
  }

  @Override
  public void onNext(ChatCompletionChunk chunk) {
    timer.onChunk(chunk);
    delegate.onNext(chunk);
  }

  @Override
  public void onComplete(Optional<Throwable> error) {
    delegate.onComplete(error);
  }
}
