package dev.boxscore.otel.ext.openaichat;

import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletionChunk;
import java.util.function.Consumer;
import java.util.stream.Stream;

/** The SDK's chunk stream, unchanged; its chunks pass the {@link FirstChunkTimer} on their way. */
public final class FirstChunkStream implements StreamResponse<ChatCompletionChunk> {
  private final StreamResponse<ChatCompletionChunk> delegate;
  private final FirstChunkTimer timer;

  public FirstChunkStream(StreamResponse<ChatCompletionChunk> delegate, FirstChunkTimer timer) {
    this.delegate = delegate;
    this.timer = timer;
  }

  @Override
  public Stream<ChatCompletionChunk> stream() {
    return delegate.stream()
        .peek(
            new Consumer<ChatCompletionChunk>() {
              @Override
              public void accept(ChatCompletionChunk chunk) {
                timer.onChunk(chunk);
              }
            });
  }

  @Override
  public void close() {
    delegate.close();
  }
}
