package dev.boxscore.storage;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Stores spans. Synchronous: it returns only once every row is durable, so ingest may commit its
 * Kafka offsets as soon as this returns, and retry the same batch after any failure.
 */
public interface SpanWriter {
  /**
   * @throws StorageException when the rows could not be stored; none, some or all may have been
   *     written.
   */
  void write(List<SpanRow> rows);

  /**
   * Which of these rows' spans are stored already: the duplicate gate ingest runs before {@link
   * #write}, so every span is inserted once and whatever aggregates inserts (materialized views)
   * counts it once. A stored copy has the candidate's start time, so only the candidates' range of
   * start times is looked at: the look-up costs what the batch's hours hold, not the project's
   * whole history.
   *
   * @throws StorageException when storage cannot answer
   */
  Set<SpanKey> alreadyStored(Collection<SpanRow> candidates);
}
