package dev.boxscore.loadgen;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** What the sending side saw, counted by every connection at once. */
final class SendStats {
  final LongAdder batches = new LongAdder();
  final LongAdder spansSent = new LongAdder();
  final LongAdder llmSpansSent = new LongAdder();
  final LongAdder attempts = new LongAdder();
  final LongAdder bytesSent = new LongAdder();
  final LongAdder requestsAcknowledged = new LongAdder();
  final LongAdder spansAcknowledged = new LongAdder();
  final LongAdder llmAcknowledgedLow = new LongAdder();
  final LongAdder llmAcknowledgedHigh = new LongAdder();
  final LongAdder spansRejected = new LongAdder();
  final LongAdder spansGivenUp = new LongAdder();
  private final Map<String, Refusals> refused = new ConcurrentHashMap<>();
  private final AtomicLong firstSendNanos = new AtomicLong(Long.MIN_VALUE);
  private final AtomicLong lastAckNanos = new AtomicLong(Long.MIN_VALUE);

  /** Requests and spans refused with one status, and the first message that came with it. */
  static final class Refusals {
    final LongAdder requests = new LongAdder();
    final LongAdder spans = new LongAdder();
    volatile String message;
  }

  void sending(long nanos) {
    firstSendNanos.compareAndSet(Long.MIN_VALUE, nanos);
  }

  void acknowledged(Batch batch, long rejected, long nanos) {
    long r = Math.min(Math.max(rejected, 0), batch.spans());
    requestsAcknowledged.increment();
    spansAcknowledged.add(batch.spans() - r);
    spansRejected.add(r);
    // Which spans a partial success rejected is not said: the LLM calls among the acknowledged
    // are then known only as a range.
    llmAcknowledgedLow.add(Math.max(0, batch.llmSpans() - r));
    llmAcknowledgedHigh.add(batch.llmSpans());
    lastAckNanos.accumulateAndGet(nanos, Math::max);
  }

  void refused(String status, int spans, String message) {
    Refusals r = refused.computeIfAbsent(status, s -> new Refusals());
    r.requests.increment();
    r.spans.add(spans);
    if (r.message == null) {
      r.message = message;
    }
  }

  Map<String, Refusals> refusals() {
    return new TreeMap<>(refused);
  }

  /** When the first request left, or {@code Long.MIN_VALUE}. */
  long firstSendNanos() {
    return firstSendNanos.get();
  }

  /** When the last acknowledgement came, or {@code Long.MIN_VALUE}. */
  long lastAckNanos() {
    return lastAckNanos.get();
  }
}
