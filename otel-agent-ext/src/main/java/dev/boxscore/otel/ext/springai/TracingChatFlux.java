package dev.boxscore.otel.ext.springai;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import org.springframework.ai.chat.model.ChatResponse;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;

/**
 * The Flux a traced {@code stream(Prompt)} returns: each subscription is a provider call, so each
 * starts a span (under the context of the {@code stream} call) and subscribes the model's Flux with
 * that span current.
 */
final class TracingChatFlux extends Flux<ChatResponse> {
  private final Flux<ChatResponse> source;
  private final Object model;
  private final Object prompt;
  private final Context parent;

  TracingChatFlux(Flux<ChatResponse> source, Object model, Object prompt, Context parent) {
    this.source = source;
    this.model = model;
    this.prompt = prompt;
    this.parent = parent;
  }

  @Override
  public void subscribe(CoreSubscriber<? super ChatResponse> actual) {
    SpringAiChain chain;
    try (Scope ignored = parent.makeCurrent()) {
      chain = SpringAiChain.start(model, prompt, true);
    }
    if (chain == null) {
      source.subscribe(actual);
      return;
    }
    chain.attach();
    try {
      source.subscribe(new TracingChatSubscriber(actual, chain));
    } finally {
      chain.detach();
    }
  }
}
