package dev.boxscore.auth.directory;

/**
 * A change to projects or keys could not be published (Kafka unreachable); nothing changed, retry
 * later.
 */
public final class DirectoryUnavailableException extends RuntimeException {
  DirectoryUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
