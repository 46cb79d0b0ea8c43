package dev.boxscore.loadgen;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * The export requests a run sends, without sending them: for benchmarks of the stages a request
 * goes through (Kafka, the engine's insert, decoding), so that each stage is measured on the same
 * traces as the run end to end. Request {@code index} is a pure function of the seed.
 */
public final class GeneratedRequests {
  private final TraceGenerator generator;

  /**
   * @param contentBytes captured prompt and output text per LLM call, 0 for none
   */
  public GeneratedRequests(long seed, int contentBytes) {
    this.generator =
        new TraceGenerator(
            RunNames.of(RunNames.randomId(new SplittableRandom(seed))), seed, contentBytes);
  }

  /**
   * Request {@code index}: whole traces adding up to {@code spans} spans, ending before {@code
   * end}.
   */
  public ExportTraceServiceRequest request(long index, int spans, Instant end) {
    long endNanos = end.getEpochSecond() * 1_000_000_000L + end.getNano();
    return generator.batch(index, spans, endNanos).request();
  }
}
