package dev.boxscore.storage;

import java.util.List;

/**
 * Stores spans. Synchronous and idempotent: it returns only once every row is durable, and writing the same rows
 * again (a retry after a crash) leaves one copy of each span visible to readers. So ingest may commit its Kafka
 * offsets as soon as this returns, and retry the same batch after any failure.
 */
public interface SpanWriter {
  /**
   * @throws StorageException when the rows could not be stored; none, some or all may have been written, and
   *     writing them again is safe.
   */
  void write(List<SpanRow> rows);
}
