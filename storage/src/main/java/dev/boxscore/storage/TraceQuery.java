package dev.boxscore.storage;

import dev.boxscore.storage.search.TraceFilter;
import java.time.Instant;
import java.util.Objects;

/**
 * A search for traces that started in [from, to), newest first, in the project of the reader it is
 * given to.
 *
 * @param filter what a trace must have ({@link TraceFilter#NONE} for every trace)
 * @param cursor where the previous page ended; null for the first page
 */
public record TraceQuery(
    TraceFilter filter, Instant from, Instant to, int limit, TraceCursor cursor) {
  public TraceQuery {
    Objects.requireNonNull(filter, "filter");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1");
    }
  }
}
