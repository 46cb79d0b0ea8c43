package dev.boxscore.query.service.search;

/** A search query that does not parse; {@code position} is the 1-based character it failed at. */
public final class InvalidSearchException extends RuntimeException {
  private final int position;

  InvalidSearchException(int position, String message) {
    super("position " + position + ": " + message);
    this.position = position;
  }

  public int position() {
    return position;
  }
}
