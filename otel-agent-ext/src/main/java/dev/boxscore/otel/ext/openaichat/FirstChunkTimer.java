package dev.boxscore.otel.ext.openaichat;

import com.openai.models.chat.completions.ChatCompletionChunk;
import dev.boxscore.otel.ext.common.GenAiKeys;
import dev.boxscore.otel.ext.common.LlmContext;
import dev.boxscore.otel.ext.rawhttp.EnclosingLlmCall;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sets {@code gen_ai.response.time_to_first_chunk} (seconds, the key the collector reads as time to
 * first token) on another instrumentation's GenAI span, once, when the first chunk with output
 * reaches the application. Never throws.
 */
public final class FirstChunkTimer {
  private final Span span;
  private final long startNanos = System.nanoTime();
  private final AtomicBoolean seen = new AtomicBoolean();

  private FirstChunkTimer(Span span) {
    this.span = span;
  }

  /**
   * A timer for the current span when it is another instrumentation's GenAI span (the stock
   * agent's); null when there is none (the raw-HTTP span below then records the call) or when it is
   * Boxscore's own (which times itself).
   */
  public static FirstChunkTimer forCurrentSpan() {
    try {
      Context context = Context.current();
      Span span = Span.fromContext(context);
      if (LlmContext.insideLlmCall(context) || !EnclosingLlmCall.isGenAiSpan(span)) {
        return null;
      }
      return new FirstChunkTimer(span);
    } catch (Throwable t) {
      return null;
    }
  }

  /** Called with every chunk on its way to the application; only the first with output counts. */
  public void onChunk(ChatCompletionChunk chunk) {
    try {
      if (!seen.get() && ChunkOutput.carriesOutput(chunk) && seen.compareAndSet(false, true)) {
        span.setAttribute(
            GenAiKeys.RESPONSE_TIME_TO_FIRST_CHUNK, (System.nanoTime() - startNanos) / 1e9);
      }
    } catch (Throwable t) {
      // never into user code
    }
  }
}
