package dev.boxscore.simulator;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The knobs in force for one request: the simulator's defaults, overridden by the {@value #HEADER}
 * header, a list of {@code key=value} pairs separated by {@code ;} or {@code ,}. Keys: {@code
 * error} (429, 500, 503, 529, rate_limited, server_error, overloaded — this request fails so, every
 * time), {@code latency} / {@code ttft} / {@code chunk-delay} (durations such as {@code 250ms},
 * {@code 1s}; a bare number is milliseconds), {@code output-tokens} (words in the reply), {@code
 * cache} (auto, miss, write). Example: {@code x-sim-scenario: ttft=300ms; chunk-delay=20ms;
 * output-tokens=40}.
 */
record Scenario(
    Duration latency,
    Duration timeToFirstToken,
    Duration chunkDelay,
    int outputTokens,
    Optional<SimulatedError> forcedError,
    CacheMode cache) {

  static final String HEADER = "x-sim-scenario";

  static Scenario defaults(SimulatorSettings settings) {
    return new Scenario(
        settings.latency(),
        settings.timeToFirstToken(),
        settings.chunkDelay(),
        settings.outputTokens(),
        Optional.empty(),
        CacheMode.AUTO);
  }

  /** Applies the header to the defaults; a malformed header is a 400 naming the header. */
  static Scenario resolve(SimulatorSettings settings, String header) {
    Scenario scenario = defaults(settings);
    if (header == null || header.isBlank()) {
      return scenario;
    }
    for (String pair : header.split("[;,]")) {
      if (pair.isBlank()) {
        continue;
      }
      int eq = pair.indexOf('=');
      if (eq < 0) {
        throw new BadRequestException(HEADER, HEADER + ": '" + pair.trim() + "' is not key=value");
      }
      String key = pair.substring(0, eq).trim().toLowerCase(Locale.ROOT);
      String value = pair.substring(eq + 1).trim();
      try {
        scenario = scenario.with(key, value);
      } catch (IllegalArgumentException e) {
        throw new BadRequestException(HEADER, HEADER + ": " + key + ": " + e.getMessage());
      }
    }
    return scenario;
  }

  private Scenario with(String key, String value) {
    return switch (key) {
      case "error" ->
          new Scenario(
              latency,
              timeToFirstToken,
              chunkDelay,
              outputTokens,
              Optional.of(SimulatedError.parse(value)),
              cache);
      case "latency", "latency-ms" ->
          new Scenario(
              Durations.parse(value),
              timeToFirstToken,
              chunkDelay,
              outputTokens,
              forcedError,
              cache);
      case "ttft", "ttft-ms" ->
          new Scenario(
              latency, Durations.parse(value), chunkDelay, outputTokens, forcedError, cache);
      case "chunk-delay", "chunk-delay-ms" ->
          new Scenario(
              latency, timeToFirstToken, Durations.parse(value), outputTokens, forcedError, cache);
      case "output-tokens" ->
          new Scenario(latency, timeToFirstToken, chunkDelay, positive(value), forcedError, cache);
      case "cache" ->
          new Scenario(
              latency,
              timeToFirstToken,
              chunkDelay,
              outputTokens,
              forcedError,
              CacheMode.parse(value));
      default ->
          throw new IllegalArgumentException(
              "unknown key (use error, latency, ttft, chunk-delay, output-tokens, cache)");
    };
  }

  private static int positive(String value) {
    try {
      int n = Integer.parseInt(value);
      if (n < 1) {
        throw new IllegalArgumentException("must be at least 1, was " + n);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + value + "' is not a number");
    }
  }
}
