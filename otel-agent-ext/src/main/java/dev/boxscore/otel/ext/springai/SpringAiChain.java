package dev.boxscore.otel.ext.springai;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.Scope;
import org.springframework.ai.chat.model.ChatResponse;
import reactor.core.publisher.Flux;

/**
 * The provider calls behind one {@code call}/{@code stream} of a Spring AI model: usually one; on
 * Spring AI 1.1 one more for each round of tool calls the model executes itself. Holds the call
 * whose span is open; travels in the OpenTelemetry context so a continuation (on any thread) finds
 * it. Never throws.
 */
public final class SpringAiChain {
  static final ContextKey<SpringAiChain> KEY = ContextKey.named("boxscore-spring-ai-chain");

  private final Object model;
  private final Context parent;
  private volatile SpringAiCall current;
  private Scope scope;
  private Scope toolScope;

  private SpringAiChain(Object model, Context parent) {
    this.model = model;
    this.parent = parent;
  }

  /**
   * Starts the chain's first call under the current context; null when not traced or on any
   * failure.
   */
  public static SpringAiChain start(Object model, Object prompt, boolean streaming) {
    try {
      if (StockTracedClient.tracesCallsOf(model, streaming)) {
        return null;
      }
      SpringAiChain chain = new SpringAiChain(model, Context.current());
      SpringAiCall call = SpringAiCall.start(chain, model, prompt, streaming, null);
      if (call == null) {
        return null;
      }
      chain.current = call;
      return chain;
    } catch (Throwable t) {
      return null;
    }
  }

  /**
   * The stream, traced from its subscription on; the stream itself when tracing is not possible.
   */
  public static Flux<ChatResponse> traceStream(
      Object model, Object prompt, Flux<ChatResponse> flux) {
    try {
      if (flux == null) {
        return null;
      }
      return new TracingChatFlux(flux, model, prompt, Context.current());
    } catch (Throwable t) {
      return flux;
    }
  }

  /**
   * A Spring AI 1.1 tool round's next provider call: ends the open call with {@code previous} (its
   * response) and starts the continuation's call; null when this is no continuation of a traced
   * chain.
   */
  public static SpringAiCall continueAfterTools(Object model, Object prompt, Object previous) {
    try {
      if (!(previous instanceof ChatResponse)) {
        return null;
      }
      SpringAiChain chain = Context.current().get(KEY);
      if (chain == null || chain.model != model) {
        return null;
      }
      SpringAiCall before = chain.current;
      boolean streaming = before != null && before.streaming();
      if (before != null) {
        before.endWith((ChatResponse) previous);
      }
      SpringAiCall next;
      try (Scope ignored = chain.parent.makeCurrent()) {
        next = SpringAiCall.start(chain, model, prompt, streaming, (ChatResponse) previous);
      }
      if (next != null) {
        chain.current = next;
      }
      return next;
    } catch (Throwable t) {
      return null;
    }
  }

  /**
   * A Spring AI 1.1 model is about to run the tools {@code response} asked for: that round's
   * provider call is over, so its span ends, and the tools run under the call's parent context
   * (still carrying this chain, for the continuation). Null when no traced chain is current.
   */
  public static SpringAiChain beforeTools(Object response) {
    try {
      SpringAiChain chain = Context.current().get(KEY);
      if (chain == null) {
        return null;
      }
      SpringAiCall call = chain.current;
      if (call != null && response instanceof ChatResponse) {
        call.endWith((ChatResponse) response);
      }
      chain.toolScope = chain.parent.with(KEY, chain).makeCurrent();
      return chain;
    } catch (Throwable t) {
      return null;
    }
  }

  /** The tools ran: back to the context they were called in. */
  public void afterTools() {
    Scope open = toolScope;
    toolScope = null;
    if (open != null) {
      try {
        open.close();
      } catch (Throwable t) {
        // never into user code
      }
    }
  }

  SpringAiCall current() {
    return current;
  }

  public void attach() {
    try {
      scope = current.context().makeCurrent();
    } catch (Throwable t) {
      // never into user code
    }
  }

  public void detach() {
    Scope open = scope;
    scope = null;
    if (open != null) {
      try {
        open.close();
      } catch (Throwable t) {
        // never into user code
      }
    }
  }

  /** Ends the open call with the chain's outcome. */
  public void end(ChatResponse response, Throwable error) {
    SpringAiCall call = current;
    if (call != null) {
      call.end(response, error);
    }
  }

  /** A streamed element: it belongs to the open call. */
  void chunk(ChatResponse response) {
    SpringAiCall call = current;
    if (call != null) {
      call.chunk(response);
    }
  }

  /** The stream ended (error null on completion or cancellation). */
  void endStream(Throwable error) {
    SpringAiCall call = current;
    if (call != null) {
      call.endStream(error);
    }
  }
}
