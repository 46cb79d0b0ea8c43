package dev.boxscore.simulator;

/**
 * A request the provider would reject with 400; {@code field} names the offending request field
 * (may be null).
 */
final class BadRequestException extends RuntimeException {
  private final String field;

  BadRequestException(String field, String message) {
    super(message);
    this.field = field;
  }

  String field() {
    return field;
  }
}
