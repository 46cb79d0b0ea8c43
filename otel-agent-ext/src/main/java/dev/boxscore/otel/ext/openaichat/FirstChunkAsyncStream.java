package dev.boxscore.otel.ext.openaichat;

import com.openai.core.http.AsyncStreamResponse;
import com.openai.models.chat.completions.ChatCompletionChunk;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The SDK's async chunk stream, unchanged; the application's handler is wrapped so that its chunks
 * pass the {@link FirstChunkTimer} on their way.
 */
public final class FirstChunkAsyncStream implements AsyncStreamResponse<ChatCompletionChunk> {
  private final AsyncStreamResponse<ChatCompletionChunk> delegate;
  private final FirstChunkTimer timer;

  public FirstChunkAsyncStream(
      AsyncStreamResponse<ChatCompletionChunk> delegate, FirstChunkTimer timer) {
    this.delegate = delegate;
    this.timer = timer;
  }

  @Override
  public AsyncStreamResponse<ChatCompletionChunk> subscribe(
      Handler<? super ChatCompletionChunk> handler) {
    delegate.subscribe(new FirstChunkHandler(handler, timer));
    return this;
  }

  @Override
  public AsyncStreamResponse<ChatCompletionChunk> subscribe(
      Handler<? super ChatCompletionChunk> handler, Executor executor) {
    delegate.subscribe(new FirstChunkHandler(handler, timer), executor);
    return this;
  }

  @Override
  public CompletableFuture<Void> onCompleteFuture() {
    return delegate.onCompleteFuture();
  }

  @Override
  public void close() {
    delegate.close();
  }
}
