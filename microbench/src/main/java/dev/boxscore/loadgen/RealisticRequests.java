package dev.boxscore.loadgen;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;

/**
 * The load generator's traces for the benchmarks. TraceGenerator is package-private, and the
 * benchmarks should measure what a load run sends rather than a shape of their own, so this bridge
 * sits in its package instead of widening its visibility.
 */
public final class RealisticRequests {
  private static final long SEED = 42;
  // A fixed end time: the same request on every run, whatever the clock says.
  private static final long END_EPOCH_NANOS = 1_764_000_000_000_000_000L;

  private RealisticRequests() {}

  /**
   * One export request of whole traces adding up to {@code spans} spans, with {@code contentBytes}
   * of captured message content per LLM call (0 for none), the same on every call.
   */
  public static ExportTraceServiceRequest of(int spans, int contentBytes) {
    return new TraceGenerator(RunNames.of("microbench"), SEED, contentBytes)
        .batch(0, spans, END_EPOCH_NANOS)
        .request();
  }
}
