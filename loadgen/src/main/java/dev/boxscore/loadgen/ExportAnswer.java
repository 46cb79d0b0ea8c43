package dev.boxscore.loadgen;

import java.time.Duration;

/**
 * What the server answered one export: accepted (with the spans it rejected in a partial success)
 * or refused with a status ({@code "503"}, {@code "grpc UNAVAILABLE"}, {@code "io error"}), and
 * whether an OTLP exporter would retry it.
 */
record ExportAnswer(
    boolean accepted,
    String status,
    boolean retryable,
    long rejectedSpans,
    Duration retryAfter,
    String message) {

  static ExportAnswer accepted(String status, long rejectedSpans, String message) {
    return new ExportAnswer(true, status, false, rejectedSpans, null, message);
  }

  static ExportAnswer refused(
      String status, boolean retryable, Duration retryAfter, String message) {
    return new ExportAnswer(false, status, retryable, 0, retryAfter, message);
  }
}
