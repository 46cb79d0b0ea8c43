package dev.boxscore.storage.analytics;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * A question to the per-minute rollup: calls matching {@code filter} in the minutes of [from, to)
 * (both taken at minute precision, from rounded down, to rounded up), grouped by {@code groupBy}
 * and time buckets of {@code bucket} (1 minute to 1 day, aligned to the Unix epoch, so to UTC days
 * and hours).
 */
public record RollupQuery(
    Instant from, Instant to, Duration bucket, CallFilter filter, Set<Dimension> groupBy) {

  public RollupQuery {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(bucket, "bucket");
    filter = filter == null ? CallFilter.ANY : filter;
    groupBy = groupBy == null ? Set.of() : Set.copyOf(groupBy);
  }
}
