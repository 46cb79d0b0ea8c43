package dev.boxscore.collector.service;

/** How an export request ended, independent of the transport that carried it. */
public sealed interface ExportResult {
  /** Spans accepted and acknowledged by Kafka; some may have been rejected as invalid. */
  record Accepted(int acceptedSpans, int rejectedSpans, String rejectionMessage)
      implements ExportResult {}

  /** The key is missing or unknown. */
  record Unauthorized(String message) implements ExportResult {}

  /** The key is valid but may not ingest. */
  record Forbidden(String message) implements ExportResult {}

  /** Nothing in the request can be accepted. */
  record Invalid(String message) implements ExportResult {}

  /** The request holds more spans than one request may. */
  record TooLarge(String message) implements ExportResult {}

  /** The key sent more requests than its rate allows; retry after the given seconds. */
  record RateLimited(String message, int retryAfterSeconds) implements ExportResult {}

  /** Kafka did not take the spans in time; the client should retry later. */
  record Unavailable(String message) implements ExportResult {}
}
