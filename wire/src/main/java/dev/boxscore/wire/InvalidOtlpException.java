package dev.boxscore.wire;

/** An OTLP payload that cannot be decoded; the message says what is wrong and where. */
public final class InvalidOtlpException extends Exception {
  public InvalidOtlpException(String message) {
    super(message);
  }

  public InvalidOtlpException(String message, Throwable cause) {
    super(message, cause);
  }
}
