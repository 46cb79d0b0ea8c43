package dev.boxscore.storage;

import java.io.IOException;

/**
 * The store refused or failed a statement. {@link #unavailable()} tells a store that cannot be
 * reached (worth retrying later) from one that answered with an error.
 */
public class StorageException extends RuntimeException {
  private final boolean unavailable;

  public StorageException(String message, Throwable cause) {
    this(message, cause, isConnectionProblem(cause));
  }

  private StorageException(String message, Throwable cause, boolean unavailable) {
    super(
        message + (cause == null || cause.getMessage() == null ? "" : ": " + cause.getMessage()),
        cause);
    this.unavailable = unavailable;
  }

  /** True when the store could not be reached at all, as opposed to answering with an error. */
  public boolean unavailable() {
    return unavailable;
  }

  private static boolean isConnectionProblem(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof IOException
          || t.getClass().getSimpleName().startsWith("ConnectionInitiation")) {
        return true;
      }
    }
    return false;
  }
}
