package dev.boxscore.otel.ext.rawhttp;

import dev.boxscore.otel.ext.common.GenAiKeys;
import dev.boxscore.otel.ext.common.LlmSpan;
import dev.boxscore.otel.ext.common.PromptFingerprint;
import io.opentelemetry.context.Context;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One raw HTTP call to an LLM endpoint, recorded as a GenAI client span: request attributes from
 * the JSON request body, response attributes from the response bytes the application reads (a copy:
 * the application's bytes are never touched), the time to the first stream event, and the HTTP
 * status as {@code error.type}. The HTTP client span of the stock agent becomes its child. Nothing
 * is recorded when an SDK-level LLM span already covers the call. Every method swallows its own
 * failures.
 */
public final class RawLlmCall {
  private static final String SCOPE = "dev.boxscore.otel.http";

  /** Request bodies larger than this are not read (the span then has no request model). */
  public static final long MAX_REQUEST_BYTES = 1 << 20;

  private static final String EVENT_STREAM = "text/event-stream";

  private final LlmSpan span;
  private final LlmEndpoint endpoint;
  private final ResponseSummary summary;

  /** The request body, read when the span is finished; null when unknown or empty. */
  private final byte[] request;

  /** Whether the span started with the request model (else the full read adds it). */
  private final boolean modelKnown;

  private int status;
  private SseEvents events;
  private JsonBody body;

  /** Reused for stream bytes that come in buffers without an accessible array. */
  private byte[] scratch;

  /**
   * Whether a stream event with output (text, tool call, reasoning) has arrived: the first token's
   * time.
   */
  private boolean firstEventSeen;

  /** Set by the first of complete() and fail(): a span is finished once. */
  private boolean finishing;

  private RawLlmCall(LlmSpan span, LlmEndpoint endpoint, byte[] request, boolean modelKnown) {
    this.span = span;
    this.endpoint = endpoint;
    this.summary = new ResponseSummary(endpoint);
    this.request = request;
    this.modelKnown = modelKnown;
  }

  /**
   * Every request member read when finishing, at any depth; the rest (message text of other roles
   * aside, tool and output schemas, input items) is passed over, not built.
   */
  static final Set<String> REQUEST_MEMBERS =
      new HashSet<String>(
          Arrays.asList(
              "model",
              "stream",
              "max_tokens",
              "max_completion_tokens",
              "max_output_tokens",
              "temperature",
              "top_p",
              "instructions",
              "system",
              "messages",
              "role",
              "content",
              "text"));

  /**
   * Whether {@code method path} is an LLM endpoint not already inside a traced LLM call (cheap: no
   * body read).
   */
  public static boolean wanted(String method, String host, String path) {
    try {
      return LlmEndpoint.api(method, path) != 0 && !EnclosingLlmCall.present(Context.current());
    } catch (Throwable t) {
      return false;
    }
  }

  /**
   * Starts the span for a request the caller found {@link #wanted}, or returns null when it is no
   * LLM call. Only the request model is read here (it names the span, and samplers see it); the
   * rest of the request is read when the span is finished, which is mostly on the span finisher's
   * thread.
   *
   * @param requestBody the request body bytes, or null when unknown or too large
   */
  public static RawLlmCall start(String method, String host, String path, byte[] requestBody) {
    try {
      // the caller checked wanted(): no enclosing LLM call
      LlmEndpoint endpoint = LlmEndpoint.detect(method, host, path);
      if (endpoint == null) {
        return null;
      }
      byte[] request = requestBody != null && requestBody.length > 0 ? requestBody : null;
      String model = request == null ? null : RequestModel.of(request);
      // whether it streams is read with the rest of the request (or seen in the response)
      LlmSpan span =
          LlmSpan.start(
              SCOPE, endpoint.operation, endpoint.provider, model, null, SpanFinisher.available());
      if (span == null) {
        return null;
      }
      return new RawLlmCall(span, endpoint, request, model != null);
    } catch (Throwable t) {
      return null;
    }
  }

  /**
   * Records what the request asked for: limits, sampling, streaming, the prompt fingerprint, a
   * late-found model.
   */
  private void applyRequest() {
    Object read = null;
    if (request != null) {
      try {
        read = JsonReader.parse(new String(request, StandardCharsets.UTF_8), REQUEST_MEMBERS);
      } catch (IllegalArgumentException e) {
        // not JSON: the span still records the call and its response
      }
    }
    // an event-stream response streams whatever the request said
    span.set(
        GenAiKeys.REQUEST_STREAM,
        events != null || Boolean.TRUE.equals(JsonReader.path(read, "stream")));
    if (read == null) {
      return;
    }
    if (!modelKnown) {
      span.setRequestModel(endpoint.operation, JsonReader.text(read, "model"));
    }
    Long maxTokens = JsonReader.count(read, "max_tokens");
    if (maxTokens == null) {
      maxTokens = JsonReader.count(read, "max_completion_tokens");
    }
    if (maxTokens == null) {
      maxTokens = JsonReader.count(read, "max_output_tokens");
    }
    span.set(GenAiKeys.REQUEST_MAX_TOKENS, maxTokens);
    span.set(GenAiKeys.REQUEST_TEMPERATURE, JsonReader.decimal(read, "temperature"));
    span.set(GenAiKeys.REQUEST_TOP_P, JsonReader.decimal(read, "top_p"));
    span.set(GenAiKeys.PROMPT_FINGERPRINT, PromptFingerprint.of(systemPrompt(read)));
  }

  /** System instructions of any of the three request dialects, for the prompt fingerprint. */
  static String systemPrompt(Object request) {
    String instructions = JsonReader.text(request, "instructions");
    if (instructions != null) {
      return instructions;
    }
    Object system = JsonReader.path(request, "system");
    if (system != null) {
      return text(system);
    }
    Object messages = JsonReader.path(request, "messages");
    if (!(messages instanceof List)) {
      return null;
    }
    StringBuilder out = null;
    for (Object message : (List<?>) messages) {
      String role = JsonReader.text(message, "role");
      if ("system".equals(role) || "developer".equals(role)) {
        String content = text(JsonReader.path(message, "content"));
        if (content != null) {
          out = out == null ? new StringBuilder(content) : out.append('\n').append(content);
        }
      }
    }
    return out == null ? null : out.toString();
  }

  /** A string, or the text parts of a content array. */
  private static String text(Object content) {
    if (content instanceof String) {
      return (String) content;
    }
    if (!(content instanceof List)) {
      return null;
    }
    StringBuilder out = null;
    for (Object part : (List<?>) content) {
      String text = part instanceof Map ? JsonReader.text(part, "text") : null;
      if (text != null) {
        out = out == null ? new StringBuilder(text) : out.append('\n').append(text);
      }
    }
    return out == null ? null : out.toString();
  }

  public void attach() {
    try {
      span.attach();
    } catch (Throwable t) {
      // never into user code
    }
  }

  public void detach() {
    try {
      span.detach();
    } catch (Throwable t) {
      // never into user code
    }
  }

  /**
   * The response status and headers arrived; the body follows.
   *
   * @param contentLength the body's declared length, or -1 when unknown (it sizes the copy kept for
   *     reading)
   */
  public void onResponse(int statusCode, String contentType, long contentLength) {
    try {
      status = statusCode;
      boolean sse =
          contentType != null
              && contentType.regionMatches(true, 0, EVENT_STREAM, 0, EVENT_STREAM.length());
      if (sse && statusCode < 400) {
        events =
            new SseEvents(
                new SseEvents.Listener() {
                  @Override
                  public void onEvent(Object json) {
                    onStreamEvent(json);
                  }
                });
      } else {
        body = new JsonBody(contentLength);
      }
    } catch (Throwable t) {
      // never into user code
    }
  }

  private void onStreamEvent(Object json) {
    if (!firstEventSeen && ResponseSummary.carriesOutput(json)) {
      firstEventSeen = true;
      span.firstChunk();
    }
    summary.absorb(json);
  }

  /**
   * Response body bytes as the application receives them; {@code buffer}'s position is left alone.
   */
  public void onBytes(ByteBuffer buffer) {
    try {
      ByteBuffer view = buffer.duplicate();
      int count = view.remaining();
      if (count == 0) {
        return;
      }
      if (view.hasArray()) {
        onBytes(view.array(), view.arrayOffset() + view.position(), count);
      } else if (body != null) {
        // read-only or direct buffers (the JDK client's): copied once, straight into the body
        body.accept(view);
      } else {
        if (scratch == null || scratch.length < count) {
          scratch = new byte[Math.max(count, 1024)];
        }
        view.get(scratch, 0, count);
        onBytes(scratch, 0, count);
      }
    } catch (Throwable t) {
      // never into user code
    }
  }

  public void onBytes(byte[] bytes, int offset, int count) {
    try {
      if (events != null) {
        events.accept(bytes, offset, count);
      } else if (body != null) {
        body.accept(bytes, offset, count);
      }
    } catch (Throwable t) {
      // never into user code
    }
  }

  /**
   * The body ended (fully read, or closed early): the span ends now, and what the body said is read
   * on the span finisher's thread (or here, when the finisher is full).
   */
  public void complete() {
    try {
      if (!claimFinish()) {
        return;
      }
      span.markEnd();
      if (!SpanFinisher.offer(this)) {
        finish();
      }
    } catch (Throwable t) {
      span.end();
    }
  }

  /** Records what the body said and ends the span, with the end time complete() took. */
  void finish() {
    try {
      applyRequest();
      if (events != null) {
        events.finish();
      } else if (body != null) {
        body.summarize(summary);
      }
      summary.applyTo(span);
      if (status >= 400) {
        span.endWithErrorType(Integer.toString(status), "HTTP " + status);
      } else {
        span.end();
      }
    } catch (Throwable t) {
      span.end();
    }
  }

  /** Request and response bytes this call keeps until it is finished. */
  int keptBytes() {
    return (request == null ? 0 : request.length) + (body == null ? 0 : body.keptBytes());
  }

  private synchronized boolean claimFinish() {
    if (finishing) {
      return false;
    }
    finishing = true;
    return true;
  }

  /** The call failed without a response, or reading the body failed. */
  public void fail(Throwable error) {
    try {
      if (status >= 400) {
        complete();
      } else if (claimFinish()) {
        applyRequest();
        summary.applyTo(span);
        span.endWithError(error, error.getClass().getName());
      }
    } catch (Throwable t) {
      span.end();
    }
  }
}
