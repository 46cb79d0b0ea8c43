package dev.boxscore.otel.ext.springai;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;

/**
 * Subscribes its source with a given context current, so what the subscription starts (the HTTP
 * call) is its child.
 */
final class ContextFlux<T> extends Flux<T> {
  private final Flux<T> source;
  private final Context context;

  ContextFlux(Flux<T> source, Context context) {
    this.source = source;
    this.context = context;
  }

  @Override
  public void subscribe(CoreSubscriber<? super T> actual) {
    try (Scope ignored = context.makeCurrent()) {
      source.subscribe(actual);
    }
  }
}
