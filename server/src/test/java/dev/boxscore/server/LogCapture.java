package dev.boxscore.server;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;

/**
 * The messages one logger writes while the capture is open, formatted: a test observes that
 * something happened in a role of the application (ingest retrying a write, say) by what the role
 * logged, not by waiting a while.
 */
final class LogCapture implements AutoCloseable {
  private final Logger logger;
  private final List<String> messages = new CopyOnWriteArrayList<>();
  private final List<Level> levels = new CopyOnWriteArrayList<>();
  private final Handler handler =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          levels.add(record.getLevel());
          messages.add(
              record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage());
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  private LogCapture(String loggerName) {
    this.logger = Logger.getLogger(loggerName);
    handler.setLevel(Level.ALL);
    logger.addHandler(handler);
  }

  /**
   * Captures what {@code source}'s logger writes (at the levels it is enabled for) until closed.
   */
  static LogCapture of(Class<?> source) {
    return new LogCapture(source.getName());
  }

  /**
   * Captures what the logger of that name and its children write (at the levels enabled) until
   * closed.
   */
  static LogCapture of(String loggerName) {
    return new LogCapture(loggerName);
  }

  /** Whether a captured message contains {@code text}. */
  boolean contains(String text) {
    return messages.stream().anyMatch(m -> m != null && m.contains(text));
  }

  /** How many captured records were logged at {@code level} or above. */
  long atOrAbove(Level level) {
    return levels.stream().filter(l -> l.intValue() >= level.intValue()).count();
  }

  List<String> messages() {
    return List.copyOf(messages);
  }

  @Override
  public void close() {
    logger.removeHandler(handler);
  }
}
