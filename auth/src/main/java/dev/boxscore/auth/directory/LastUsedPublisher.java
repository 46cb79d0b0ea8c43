package dev.boxscore.auth.directory;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.jboss.logging.Logger;

/**
 * Publishes the last-used times of keys to the control topic, at most every 30 s per key and off
 * the caller's thread: uses are noted on request event loops, and a send blocks for up to
 * max.block.ms while the broker is away. The queue is bounded; when full, a use is dropped (the
 * next one is published). A failed send is dropped too: the time is informational.
 */
final class LastUsedPublisher implements AutoCloseable {
  static final Duration DEBOUNCE = Duration.ofSeconds(30);

  private static final Logger LOG = Logger.getLogger(LastUsedPublisher.class);

  /** Sends one control record (key, value) without waiting for it to be acknowledged. */
  private final BiConsumer<String, byte[]> send;

  private final Map<String, Instant> published = new ConcurrentHashMap<>();
  private final ThreadPoolExecutor executor =
      new ThreadPoolExecutor(
          1,
          1,
          0,
          TimeUnit.MILLISECONDS,
          new ArrayBlockingQueue<>(1024),
          r -> {
            Thread t = new Thread(r, "boxscore-key-use-publisher");
            t.setDaemon(true);
            return t;
          },
          new ThreadPoolExecutor.DiscardPolicy());

  LastUsedPublisher(BiConsumer<String, byte[]> send) {
    this.send = send;
  }

  /**
   * Publishes that the key was used at {@code at}, unless a use of it was published less than 30 s
   * before.
   */
  void used(String keyId, Instant at) {
    Instant last = published.get(keyId);
    if (last != null && last.plus(DEBOUNCE).isAfter(at)) {
      return;
    }
    published.put(keyId, at);
    executor.execute(
        () -> {
          try {
            send.accept(ControlRecords.USED + keyId, ControlRecords.used(at));
          } catch (RuntimeException e) {
            LOG.debugf("last-used time of %s not published: %s", keyId, e.getMessage());
          }
        });
  }

  /** Sends what is queued (waiting up to 5 s), then drops further uses. */
  @Override
  public void close() {
    executor.shutdown();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
