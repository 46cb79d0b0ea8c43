package dev.boxscore.alerting.silence;

/**
 * A silence that cannot be created as sent; the API answers 400 with the message, which starts with
 * the field ({@code matchers[0].value: …}).
 */
public class InvalidSilenceException extends RuntimeException {
  private final String field;

  public InvalidSilenceException(String field, String problem) {
    super(field + ": " + problem);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
