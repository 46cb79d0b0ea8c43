package dev.boxscore.embedded.clickhouse;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Saves the JVM's signal dispositions before libchdb loads and puts back any that chDB replaced. A
 * guard: with {@code chdb_set_signal_handlers_enabled(0)} chDB 26.7.3 replaced none here, but a
 * replaced SIGSEGV handler kills the JVM at its next implicit NullPointerException and a replaced
 * SIGTERM handler skips shutdown hooks.
 */
final class JvmSignalHandlers {

  /**
   * SIGHUP, SIGINT, SIGQUIT (thread dumps), SIGILL, SIGABRT, SIGBUS, SIGFPE, SIGSEGV, SIGUSR2,
   * SIGPIPE, SIGTERM.
   */
  private static final int[] SIGNALS = {1, 2, 3, 4, 6, 7, 8, 11, 12, 13, 15};

  /** glibc's struct sigaction on x86-64 is 152 bytes; the buffer is opaque here. */
  private static final int SIGACTION_SIZE = 256;

  private interface LibC extends Library {
    int sigaction(int signal, Pointer action, Pointer oldAction);
  }

  private static final LibC LIBC = Native.load("c", LibC.class);

  private final Map<Integer, Memory> saved = new LinkedHashMap<>();

  private JvmSignalHandlers() {}

  static JvmSignalHandlers save() {
    JvmSignalHandlers handlers = new JvmSignalHandlers();
    for (int signal : SIGNALS) {
      Memory action = new Memory(SIGACTION_SIZE);
      action.clear();
      if (LIBC.sigaction(signal, null, action) == 0) {
        handlers.saved.put(signal, action);
      }
    }
    return handlers;
  }

  /**
   * Reinstalls every saved disposition that something replaced; returns the signals that had been
   * replaced.
   */
  int[] restore() {
    return saved.entrySet().stream()
        .filter(
            entry -> {
              Memory current = new Memory(SIGACTION_SIZE);
              current.clear();
              LIBC.sigaction(entry.getKey(), null, current);
              // Compare the handler pointer (first field of struct sigaction).
              if (current.getLong(0) == entry.getValue().getLong(0)) {
                return false;
              }
              LIBC.sigaction(entry.getKey(), entry.getValue(), null);
              return true;
            })
        .mapToInt(Map.Entry::getKey)
        .toArray();
  }

  @Override
  public String toString() {
    return "JvmSignalHandlers" + Arrays.toString(saved.keySet().toArray());
  }
}
