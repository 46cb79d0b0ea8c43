package dev.boxscore.otel.ext.jdkhttp.java11;

import dev.boxscore.otel.ext.rawhttp.RawLlmCall;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Passes every signal to the application's subscriber unchanged, after showing the bytes (read
 * through duplicates, so positions stay where they are) to the {@link RawLlmCall}; completion or
 * error ends the span first.
 */
final class TeeBodySubscriber<T> implements HttpResponse.BodySubscriber<T> {
  private final HttpResponse.BodySubscriber<T> delegate;
  private final RawLlmCall call;

  TeeBodySubscriber(HttpResponse.BodySubscriber<T> delegate, RawLlmCall call) {
    this.delegate = delegate;
    this.call = call;
  }

  @Override
  public CompletionStage<T> getBody() {
    return delegate.getBody();
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    delegate.onSubscribe(subscription);
  }

  @Override
  public void onNext(List<ByteBuffer> item) {
    for (ByteBuffer buffer : item) {
      call.onBytes(buffer);
    }
    delegate.onNext(item);
  }

  @Override
  public void onError(Throwable throwable) {
    call.fail(throwable);
    delegate.onError(throwable);
  }

  @Override
  public void onComplete() {
    call.complete();
    delegate.onComplete();
  }
}
