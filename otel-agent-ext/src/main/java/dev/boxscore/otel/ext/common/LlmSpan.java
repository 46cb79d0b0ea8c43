package dev.boxscore.otel.ext.common;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One LLM call's span: started with the request attributes, made current while the call runs on the
 * caller's thread (so the HTTP client span below it is its child), ended once with the response or
 * the error. Every method swallows its own failures: instrumentation must never throw into the
 * application.
 */
public final class LlmSpan {
  /** Baggage entry that overrides the configured prompt version for the calls below it. */
  public static final String PROMPT_VERSION_BAGGAGE = "boxscore.prompt.version";

  /**
   * Tracers by scope name: the global provider builds a scope key and looks it up on every {@code
   * getTracer}; the agent installs the SDK before any application class (hence any advice) runs, so
   * a tracer got here is final.
   */
  private static final ConcurrentMap<String, Tracer> TRACERS =
      new ConcurrentHashMap<String, Tracer>();

  /**
   * {operation, request model, span name} of the last span started, shared by every thread
   * (replaced whole).
   */
  private static volatile String[] lastSpanName = {"", "", ""};

  private final Span span;
  private final Context context;
  private final long startNanos;

  /**
   * The start timestamp this class gave the span, or 0 when the SDK's clock timestamps start and
   * end.
   */
  private final long startEpochNanos;

  /**
   * {@link System#nanoTime()} when the call ended, if {@link #markEnd()} recorded it before the
   * span ends.
   */
  private long endNanos;

  private boolean endMarked;
  private final AtomicBoolean ended = new AtomicBoolean();
  private final AtomicBoolean firstChunkSeen = new AtomicBoolean();
  private Scope scope;

  private LlmSpan(Span span, Context context, long startNanos, long startEpochNanos) {
    this.span = span;
    this.context = context;
    this.startNanos = startNanos;
    this.startEpochNanos = startEpochNanos;
  }

  /**
   * Starts a {@code chat <model>} client span, or returns null when the current context is already
   * inside an LLM call (the outer layer records it).
   */
  public static LlmSpan start(
      String scopeName, String operation, String provider, String requestModel, boolean streaming) {
    return start(scopeName, operation, provider, requestModel, streaming, false);
  }

  /**
   * As above; with {@code ownClock} the span's start and end timestamps come from this class (wall
   * clock at the start, monotonic time after it), so that another thread can end it later with the
   * end time {@link #markEnd()} took. Needs a wall clock with microseconds (Java 9 and later).
   *
   * @param streaming whether the call streams, or null when not known yet (the attribute is then
   *     set later)
   */
  public static LlmSpan start(
      String scopeName,
      String operation,
      String provider,
      String requestModel,
      Boolean streaming,
      boolean ownClock) {
    Context parent = Context.current();
    if (LlmContext.insideLlmCall(parent)) {
      return null;
    }
    Tracer tracer = TRACERS.get(scopeName);
    if (tracer == null) {
      tracer = GlobalOpenTelemetry.getTracer(scopeName);
      TRACERS.put(scopeName, tracer);
    }
    String name = spanName(operation, requestModel);
    SpanBuilder builder =
        tracer
            .spanBuilder(name)
            .setSpanKind(SpanKind.CLIENT)
            .setParent(parent)
            .setAttribute(GenAiKeys.OPERATION_NAME, operation);
    if (streaming != null) {
      builder.setAttribute(GenAiKeys.REQUEST_STREAM, streaming);
    }
    if (provider != null) {
      builder.setAttribute(GenAiKeys.PROVIDER_NAME, provider);
    }
    if (requestModel != null) {
      builder.setAttribute(GenAiKeys.REQUEST_MODEL, requestModel);
    }
    String version = Baggage.fromContext(parent).getEntryValue(PROMPT_VERSION_BAGGAGE);
    if (version == null) {
      version = ExtensionConfig.get().promptVersion();
    }
    if (version != null) {
      builder.setAttribute(GenAiKeys.PROMPT_VERSION, version);
    }
    long startEpoch = 0;
    if (ownClock) {
      startEpoch = epochNanos();
      builder.setStartTimestamp(startEpoch, TimeUnit.NANOSECONDS);
    }
    long start = System.nanoTime();
    Span span = builder.startSpan();
    return new LlmSpan(span, LlmContext.markInside(parent.with(span)), start, startEpoch);
  }

  private static long epochNanos() {
    Instant now = Instant.now();
    return TimeUnit.SECONDS.toNanos(now.getEpochSecond()) + now.getNano();
  }

  /**
   * {@code operation model}; the last one built is reused, as an application mostly calls one model
   * with one operation (a span name per call is an avoidable concatenation).
   */
  private static String spanName(String operation, String requestModel) {
    if (requestModel == null) {
      return operation;
    }
    String[] last = lastSpanName;
    if (last[0].equals(operation) && last[1].equals(requestModel)) {
      return last[2];
    }
    String name = operation + " " + requestModel;
    lastSpanName = new String[] {operation, requestModel, name};
    return name;
  }

  /**
   * The context with this span current and marked as inside an LLM call; for instrumentations that
   * carry their own entries along with it (a stream subscribed later, another thread).
   */
  public Context context() {
    return context;
  }

  /** Makes the span current on this thread until {@link #detach()}. */
  public void attach() {
    scope = context.makeCurrent();
  }

  /** Ends the scope opened by {@link #attach()} (the span itself may live on, for streams). */
  public void detach() {
    Scope current = scope;
    scope = null;
    if (current != null) {
      current.close();
    }
  }

  public <T> void set(AttributeKey<T> key, T value) {
    if (value != null) {
      span.setAttribute(key, value);
    }
  }

  /**
   * The request model, found only after the start: recorded, and the span renamed {@code operation
   * model}.
   */
  public void setRequestModel(String operation, String requestModel) {
    if (requestModel != null) {
      span.setAttribute(GenAiKeys.REQUEST_MODEL, requestModel);
      span.updateName(spanName(operation, requestModel));
    }
  }

  public void setLong(AttributeKey<Long> key, Integer value) {
    if (value != null) {
      span.setAttribute(key, value.longValue());
    }
  }

  /** Records the time to the first streamed chunk, once. */
  public void firstChunk() {
    if (firstChunkSeen.compareAndSet(false, true)) {
      span.setAttribute(
          GenAiKeys.RESPONSE_TIME_TO_FIRST_CHUNK, (System.nanoTime() - startNanos) / 1e9);
    }
  }

  /**
   * Records now as the call's end, for a span another thread ends later (see the own-clock start).
   */
  public void markEnd() {
    endNanos = System.nanoTime();
    endMarked = true;
  }

  public void end() {
    if (ended.compareAndSet(false, true)) {
      endSpan();
    }
  }

  private void endSpan() {
    if (startEpochNanos == 0) {
      span.end();
      return;
    }
    long end = endMarked ? endNanos : System.nanoTime();
    span.end(startEpochNanos + (end - startNanos), TimeUnit.NANOSECONDS);
  }

  public void endWithError(Throwable error, String errorType) {
    if (ended.compareAndSet(false, true)) {
      span.setAttribute(
          GenAiKeys.ERROR_TYPE, errorType != null ? errorType : error.getClass().getName());
      span.setStatus(StatusCode.ERROR, error.getMessage() == null ? "" : error.getMessage());
      span.recordException(error);
      endSpan();
    }
  }

  /**
   * Ends the span as failed without an exception (an HTTP error status the caller receives as a
   * response).
   */
  public void endWithErrorType(String errorType, String description) {
    if (ended.compareAndSet(false, true)) {
      span.setAttribute(GenAiKeys.ERROR_TYPE, errorType);
      span.setStatus(StatusCode.ERROR, description == null ? "" : description);
      endSpan();
    }
  }

  public boolean ended() {
    return ended.get();
  }
}
