package dev.boxscore.wire;

/** A Kafka record that is not a {@link SpanRecord} of a version this build understands. */
public final class InvalidSpanRecordException extends Exception {
  public InvalidSpanRecordException(String message) {
    super(message);
  }

  public InvalidSpanRecordException(String message, Throwable cause) {
    super(message, cause);
  }
}
