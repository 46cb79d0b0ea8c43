package dev.boxscore.embedded.clickhouse;

import com.sun.jna.Library;
import com.sun.jna.Pointer;

/**
 * The part of chDB's C API ({@code chdb.h}, 26.7) the adapter uses. {@code size_t} is mapped to
 * {@code long} (64-bit Linux only, like the library itself).
 */
interface ChdbLibrary extends Library {

  /**
   * Must run before {@link #chdb_connect}: otherwise chDB replaces the JVM's SIGSEGV handler and
   * the first NPE kills the JVM.
   */
  void chdb_set_signal_handlers_enabled(int enabled);

  /**
   * Returns a {@code chdb_connection*} (queries take the pointed-to value, close takes the
   * pointer); null on failure.
   */
  Pointer chdb_connect(int argc, String[] argv);

  void chdb_close_conn(Pointer connectionHandle);

  Pointer chdb_query_n(
      Pointer connection, byte[] query, long queryLength, byte[] format, long formatLength);

  Pointer chdb_query_with_params_n(
      Pointer connection,
      byte[] query,
      long queryLength,
      byte[] format,
      long formatLength,
      Pointer names,
      Pointer nameLengths,
      Pointer values,
      Pointer valueLengths,
      long count);

  Pointer chdb_result_buffer(Pointer result);

  long chdb_result_length(Pointer result);

  double chdb_result_elapsed(Pointer result);

  long chdb_result_rows_read(Pointer result);

  long chdb_result_bytes_read(Pointer result);

  long chdb_result_rows_written(Pointer result);

  long chdb_result_bytes_written(Pointer result);

  /** Null when the query succeeded, else the full "Code: N. DB::Exception: ..." text. */
  Pointer chdb_result_error(Pointer result);

  void chdb_destroy_query_result(Pointer result);

  /**
   * Opens a streaming insert; the data (in {@code format}) follows through {@link
   * #chdb_stream_append}.
   */
  Pointer chdb_stream_insert_n(
      Pointer connection, byte[] query, long queryLength, byte[] format, long formatLength);

  Pointer chdb_stream_insert_error(Pointer stream);

  /** Returns 0 on success. */
  int chdb_stream_append(Pointer stream, Pointer data, long length);

  /** Finishes the insert; read the returned result like a query result. */
  Pointer chdb_stream_done(Pointer stream);

  void chdb_stream_cancel_insert(Pointer stream);

  void chdb_destroy_insert_stream(Pointer stream);
}
