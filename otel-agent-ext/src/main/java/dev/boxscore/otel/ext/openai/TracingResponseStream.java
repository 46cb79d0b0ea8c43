package dev.boxscore.otel.ext.openai;

import com.openai.core.http.StreamResponse;
import com.openai.models.responses.ResponseStreamEvent;
import java.util.stream.Stream;

/**
 * The application's event stream, unchanged, observed on the way: the first event with output marks
 * the time to first chunk, the {@code response.completed} / {@code response.failed} event ends the
 * span, and closing an unfinished stream ends it.
 */
public final class TracingResponseStream implements StreamResponse<ResponseStreamEvent> {
  private final StreamResponse<ResponseStreamEvent> delegate;
  private final OpenAiResponsesCall call;

  public TracingResponseStream(
      StreamResponse<ResponseStreamEvent> delegate, OpenAiResponsesCall call) {
    this.delegate = delegate;
    this.call = call;
  }

  @Override
  public Stream<ResponseStreamEvent> stream() {
    return delegate.stream().peek(call::onEvent);
  }

  @Override
  public void close() {
    try {
      delegate.close();
    } finally {
      call.endIfOpen();
    }
  }
}
