package dev.boxscore.otel.ext.springai;

import java.lang.reflect.Method;

/**
 * Reads components of Spring AI's records (tool calls, tool responses): Java 8 bytecode cannot call
 * a record's accessors directly (javac needs {@code java.lang.Record}), so they are called by name.
 * Null when absent or failing.
 */
final class RecordAccess {
  private RecordAccess() {}

  static String string(Object record, String component) {
    if (record == null) {
      return null;
    }
    try {
      Method accessor = record.getClass().getMethod(component);
      Object value = accessor.invoke(record);
      return value == null ? null : value.toString();
    } catch (Throwable t) {
      return null;
    }
  }
}
