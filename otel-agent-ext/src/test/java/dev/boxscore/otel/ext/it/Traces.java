package dev.boxscore.otel.ext.it;

import static org.awaitility.Awaitility.await;

import dev.boxscore.otel.ext.it.OtlpReceiver.ReceivedSpan;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/**
 * Runs application code under a root span (through the OpenTelemetry API the agent bridges, as an
 * application would) and waits for that trace's spans to arrive at the {@link OtlpReceiver}.
 */
public final class Traces {
  private Traces() {}

  /** Runs {@code body} in a new root span and returns that trace's id. */
  public static String inRootSpan(ThrowingRunnable body) throws Exception {
    Span root = GlobalOpenTelemetry.getTracer("test").spanBuilder("test-root").startSpan();
    try (Scope ignored = root.makeCurrent()) {
      body.run();
    } finally {
      root.end();
    }
    return root.getSpanContext().getTraceId();
  }

  /** Waits until the trace has {@code count} spans (root included), then returns them. */
  public static List<ReceivedSpan> awaitTrace(String traceId, int count) {
    OtlpReceiver receiver = OtlpReceiver.get();
    await().atMost(Duration.ofSeconds(15)).until(() -> receiver.trace(traceId).size() >= count);
    return receiver.trace(traceId);
  }

  public static List<ReceivedSpan> llmSpans(List<ReceivedSpan> spans) {
    return spans.stream().filter(isLlm()).toList();
  }

  public static Predicate<ReceivedSpan> isLlm() {
    return s -> s.attributes().containsKey("gen_ai.operation.name");
  }

  /** Application code that may throw. */
  @FunctionalInterface
  public interface ThrowingRunnable {
    void run() throws Exception;
  }
}
