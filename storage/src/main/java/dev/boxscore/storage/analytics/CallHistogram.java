package dev.boxscore.storage.analytics;

import java.time.Duration;
import java.util.List;

/**
 * Latency and time-to-first-token bucket counts of one (service, provider, model) series of a
 * project's calls, {@code model} being the response model, else the request model (as {@link
 * Dimension#MODEL}). Counts are cumulative, one per bound of {@link #BOUNDS}: {@code latency[i]}
 * calls took at most {@code BOUNDS[i]}; {@code ttft} likewise over the {@code ttftCalls} calls that
 * recorded a time to first token.
 */
public record CallHistogram(
    String service,
    String provider,
    String model,
    long calls,
    long[] latency,
    long latencySumNanos,
    long ttftCalls,
    long[] ttft,
    double ttftSumMillis) {

  /**
   * The bucket bounds, from a fast completion to a long reasoning call. Fixed: the statement
   * (call_histograms.sql) counts exactly this many buckets, and a changed bound would break the
   * series Prometheus already stored.
   */
  public static final List<Duration> BOUNDS =
      List.of(
          Duration.ofMillis(100),
          Duration.ofMillis(250),
          Duration.ofMillis(500),
          Duration.ofSeconds(1),
          Duration.ofSeconds(2),
          Duration.ofSeconds(5),
          Duration.ofSeconds(10),
          Duration.ofSeconds(30),
          Duration.ofSeconds(60),
          Duration.ofSeconds(120));
}
