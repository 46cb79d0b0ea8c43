package dev.boxscore.otel.ext.springai;

import org.reactivestreams.Subscription;
import org.springframework.ai.chat.model.ChatResponse;
import reactor.core.CoreSubscriber;

/**
 * Sits between the model's stream and the application: every signal reaches the application
 * unchanged; elements feed the open call (first one = time to first chunk), and completion, error
 * or cancellation ends it.
 */
final class TracingChatSubscriber implements CoreSubscriber<ChatResponse>, Subscription {
  private final CoreSubscriber<? super ChatResponse> actual;
  private final SpringAiChain chain;
  private Subscription upstream;

  TracingChatSubscriber(CoreSubscriber<? super ChatResponse> actual, SpringAiChain chain) {
    this.actual = actual;
    this.chain = chain;
  }

  @Override
  public reactor.util.context.Context currentContext() {
    return actual.currentContext();
  }

  @Override
  public void onSubscribe(Subscription subscription) {
    upstream = subscription;
    actual.onSubscribe(this);
  }

  @Override
  public void onNext(ChatResponse response) {
    chain.chunk(response);
    actual.onNext(response);
  }

  @Override
  public void onError(Throwable error) {
    chain.endStream(error);
    actual.onError(error);
  }

  @Override
  public void onComplete() {
    chain.endStream(null);
    actual.onComplete();
  }

  @Override
  public void request(long n) {
    upstream.request(n);
  }

  @Override
  public void cancel() {
    chain.endStream(null);
    upstream.cancel();
  }
}
