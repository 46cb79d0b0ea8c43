package dev.boxscore.query.service;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Waiting for the queries a service runs at once. */
final class Futures {
  private Futures() {}

  /**
   * The future's value; its own exception (e.g. storage unavailable, answered 503) rather than a
   * wrapper.
   */
  static <T> T joined(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }
}
