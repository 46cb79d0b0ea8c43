package dev.boxscore.collector.otlp;

/** A request body, compressed or not, beyond the configured limit. */
final class BodyTooLargeException extends Exception {
  BodyTooLargeException(long limit) {
    super("request body exceeds the limit of " + limit + " bytes");
  }
}
