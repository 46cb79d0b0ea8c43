package dev.boxscore.storage;

import java.time.Instant;
import java.util.Objects;

/**
 * A search for traces that started in [from, to), newest first, in the project of the reader it is
 * given to.
 *
 * @param service only traces with a span of this service; null for any
 * @param model only traces with an LLM call that requested or answered with this model; null for
 *     any
 * @param cursor where the previous page ended; null for the first page
 */
public record TraceQuery(
    String service, String model, Instant from, Instant to, int limit, TraceCursor cursor) {
  public TraceQuery {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1");
    }
  }
}
