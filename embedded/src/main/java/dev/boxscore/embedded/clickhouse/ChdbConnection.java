package dev.boxscore.embedded.clickhouse;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.io.InputStream;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One chDB connection (a ClickHouse session). Not thread-safe: the pool hands it to one request at
 * a time, which matches chDB running one query at a time per connection.
 */
final class ChdbConnection {

  private static final int APPEND_CHUNK = 256 * 1024;
  private static final byte[] NULL_FORMAT = bytes("Null");
  private static final Pattern SETTING_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private final ChdbLibrary library;
  private final Pointer handle;
  private final Pointer connection;
  private final Memory appendBuffer = new Memory(APPEND_CHUNK);
  private final byte[] readBuffer = new byte[APPEND_CHUNK];
  private String database = "default";
  private boolean closed;

  ChdbConnection(ChdbLibrary library, Pointer handle) {
    this.library = library;
    this.handle = handle;
    this.connection = handle.getPointer(0);
  }

  /** Makes {@code name} the session's current database (a no-op when it already is). */
  void useDatabase(String name) {
    if (name.equals(database)) {
      return;
    }
    query("USE " + quoteIdentifier(name), "TabSeparated", Map.of());
    database = name;
  }

  /**
   * Sets request-scoped ClickHouse settings on the session; undo with {@link #resetSettings}. On
   * failure the settings applied so far are reset before the error is thrown.
   */
  void applySettings(Map<String, String> settings) {
    List<String> applied = new ArrayList<>();
    try {
      for (Map.Entry<String, String> setting : settings.entrySet()) {
        if (!SETTING_NAME.matcher(setting.getKey()).matches()) {
          throw ChdbException.of(
              115,
              "UNKNOWN_SETTING",
              "Setting "
                  + setting.getKey()
                  + " is neither a builtin"
                  + " setting nor a valid setting name");
        }
        // A string literal: the server parses it into the setting's type.
        query(
            "SET "
                + setting.getKey()
                + " = '"
                + setting.getValue().replace("\\", "\\\\").replace("'", "\\'")
                + "'",
            "Null",
            Map.of());
        applied.add(setting.getKey());
      }
    } catch (RuntimeException e) {
      resetSettings(applied);
      throw e;
    }
  }

  /** Puts the named settings back to their defaults (the session never holds other values). */
  void resetSettings(Collection<String> names) {
    for (String name : names) {
      if (name.equals("session_timezone")) {
        query(
            "SET session_timezone = 'UTC'",
            "Null",
            Map.of()); // the adapter's default, see ChdbEngine
      } else if (SETTING_NAME.matcher(name).matches()) {
        query("SET " + name + " = DEFAULT", "Null", Map.of());
      }
    }
  }

  /**
   * Runs one query; {@code parameters} fill its {@code {name:Type}} placeholders, values in the
   * server's text form.
   */
  ChdbResult query(String sql, String format, Map<String, String> parameters) {
    requireOpen();
    byte[] query = bytes(sql);
    byte[] fmt = bytes(format);
    Pointer result =
        parameters.isEmpty()
            ? library.chdb_query_n(connection, query, query.length, fmt, fmt.length)
            : queryWithParameters(query, fmt, parameters);
    return takeResult(result);
  }

  private Pointer queryWithParameters(byte[] query, byte[] fmt, Map<String, String> parameters) {
    int count = parameters.size();
    Memory names = new Memory((long) Native.POINTER_SIZE * count);
    Memory nameLengths = new Memory(8L * count);
    Memory values = new Memory((long) Native.POINTER_SIZE * count);
    Memory valueLengths = new Memory(8L * count);
    // The native copies must stay reachable until the call returns.
    Memory[] keepAlive = new Memory[count * 2];
    int i = 0;
    for (Map.Entry<String, String> parameter : parameters.entrySet()) {
      keepAlive[2 * i] = nativeBytes(parameter.getKey());
      keepAlive[2 * i + 1] = nativeBytes(parameter.getValue());
      names.setPointer((long) Native.POINTER_SIZE * i, keepAlive[2 * i]);
      nameLengths.setLong(8L * i, keepAlive[2 * i].size() - 1);
      values.setPointer((long) Native.POINTER_SIZE * i, keepAlive[2 * i + 1]);
      valueLengths.setLong(8L * i, keepAlive[2 * i + 1].size() - 1);
      i++;
    }
    Pointer result =
        library.chdb_query_with_params_n(
            connection,
            query,
            query.length,
            fmt,
            fmt.length,
            names,
            nameLengths,
            values,
            valueLengths,
            count);
    Reference.reachabilityFence(keepAlive);
    return result;
  }

  /**
   * Streams {@code data} (in {@code format}) into {@code insertHead} ("INSERT INTO t [(columns)]
   * [SETTINGS ...]") through chDB's streaming-insert API. The data never becomes query text: chDB
   * would end inline data at the first empty line and run the rest as SQL.
   */
  ChdbResult insert(String insertHead, String format, InputStream data) throws IOException {
    requireOpen();
    byte[] head = bytes(insertHead);
    byte[] fmt = bytes(format);
    Pointer stream = library.chdb_stream_insert_n(connection, head, head.length, fmt, fmt.length);
    if (stream == null) {
      throw ChdbException.of(
          1001, "STD_EXCEPTION", "chDB could not open a streaming insert for: " + insertHead);
    }
    boolean finished = false;
    try {
      String openError = errorText(library.chdb_stream_insert_error(stream));
      if (openError != null) {
        throw failed(openError);
      }
      int read;
      while ((read = data.readNBytes(readBuffer, 0, readBuffer.length)) > 0) {
        appendBuffer.write(0, readBuffer, 0, read);
        if (library.chdb_stream_append(stream, appendBuffer, read) != 0) {
          String appendError = errorText(library.chdb_stream_insert_error(stream));
          throw failed(
              appendError != null
                  ? appendError
                  : "Code: 1001. DB::Exception: chDB rejected the insert data. (STD_EXCEPTION)");
        }
      }
      finished = true;
      return takeResult(library.chdb_stream_done(stream));
    } finally {
      if (!finished) {
        library.chdb_stream_cancel_insert(stream);
        flushAfterError();
      }
      library.chdb_destroy_insert_stream(stream);
    }
  }

  private ChdbResult takeResult(Pointer result) {
    if (result == null) {
      flushAfterError();
      throw ChdbException.of(1001, "STD_EXCEPTION", "chDB returned no result");
    }
    try {
      String error = errorText(library.chdb_result_error(result));
      if (error != null) {
        throw failed(error);
      }
      long length = library.chdb_result_length(result);
      Pointer buffer = library.chdb_result_buffer(result);
      byte[] output =
          length == 0 || buffer == null
              ? new byte[0]
              : buffer.getByteArray(0, Math.toIntExact(length));
      return new ChdbResult(
          output,
          library.chdb_result_rows_read(result),
          library.chdb_result_bytes_read(result),
          library.chdb_result_rows_written(result),
          library.chdb_result_bytes_written(result),
          library.chdb_result_elapsed(result));
    } finally {
      library.chdb_destroy_query_result(result);
    }
  }

  /**
   * A failed query leaves partial output that would prefix the next result; a throw-away query
   * clears it.
   */
  private ChdbException failed(String error) {
    flushAfterError();
    return ChdbException.fromEngine(error);
  }

  private void flushAfterError() {
    byte[] select = bytes("SELECT 1");
    Pointer result =
        library.chdb_query_n(connection, select, select.length, NULL_FORMAT, NULL_FORMAT.length);
    if (result != null) {
      library.chdb_destroy_query_result(result);
    }
  }

  void close() {
    if (!closed) {
      closed = true;
      library.chdb_close_conn(handle);
    }
  }

  boolean isClosed() {
    return closed;
  }

  private void requireOpen() {
    if (closed) {
      throw ChdbException.of(
          ChdbException.ABORTED, "ABORTED", "The embedded ClickHouse engine is shut down");
    }
  }

  private static String errorText(Pointer error) {
    if (error == null) {
      return null;
    }
    String text = error.getString(0, StandardCharsets.UTF_8.name());
    return text.isEmpty() ? null : text;
  }

  static String quoteIdentifier(String name) {
    return '`' + name.replace("\\", "\\\\").replace("`", "\\`") + '`';
  }

  private static Memory nativeBytes(String text) {
    byte[] utf8 = bytes(text);
    Memory memory = new Memory(utf8.length + 1L);
    memory.write(0, utf8, 0, utf8.length);
    memory.setByte(utf8.length, (byte) 0);
    return memory;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
