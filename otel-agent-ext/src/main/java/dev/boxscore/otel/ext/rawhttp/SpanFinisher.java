package dev.boxscore.otel.ext.rawhttp;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Finishes raw-HTTP LLM spans on one daemon thread instead of the application's: reading usage out
 * of the kept response body and ending the span (with the end time taken when the body ended) costs
 * the calling thread nothing. Bounded by count and by kept bytes; past either bound, or before Java
 * 9 (whose clock has only milliseconds to timestamp the span with), the caller finishes the span
 * itself, so no span is ever dropped.
 *
 * <p>Before the SDK flushes or shuts down, {@code FinisherDrain} (agent side, first span processor)
 * asks this thread to finish what is queued: it interrupts the thread and waits until the thread
 * has cleared the interrupt and parks on {@link #IDLE}, which it does only with an empty queue.
 * Thread and blocker are the only things both class loaders share.
 */
public final class SpanFinisher {
  static final int MAX_PENDING_CALLS = 4096;
  static final long MAX_PENDING_BYTES = 16L << 20;

  /** Found by name by the agent side; see the class comment. */
  public static final String THREAD_NAME = "boxscore-llm-span-finisher";

  /**
   * The blocker the thread parks on when its queue is empty (a String: equal in every class
   * loader).
   */
  public static final String IDLE = "boxscore-llm-span-finisher idle";

  /**
   * After work, the thread looks again every millisecond for this long before it parks until a
   * caller wakes it: a wake-up costs the caller a system call, which busy services would otherwise
   * pay on nearly every call.
   */
  private static final long LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

  private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

  private static final boolean AVAILABLE = microsecondClock();
  private static final Queue<RawLlmCall> PENDING = new ConcurrentLinkedQueue<RawLlmCall>();
  private static final AtomicInteger PENDING_CALLS = new AtomicInteger();
  private static final AtomicLong PENDING_BYTES = new AtomicLong();
  private static volatile Thread worker;

  /** True while the thread parks until woken: callers then wake it. */
  private static volatile boolean sleeping;

  private SpanFinisher() {}

  /**
   * Whether spans may be handed over: timestamps then come from a clock with at least microseconds.
   */
  static boolean available() {
    return AVAILABLE;
  }

  /**
   * Queues {@code call} to be finished on the finisher's thread; false when the caller must finish
   * it (a bound is reached, or no thread could be started).
   */
  static boolean offer(RawLlmCall call) {
    if (!AVAILABLE || !startWorker()) {
      return false;
    }
    int keptBytes = call.keptBytes();
    // both counted before either is checked, so that release() takes back exactly what was added
    int calls = PENDING_CALLS.incrementAndGet();
    long bytes = PENDING_BYTES.addAndGet(keptBytes);
    if (calls > MAX_PENDING_CALLS || bytes > MAX_PENDING_BYTES) {
      release(keptBytes);
      return false;
    }
    PENDING.offer(call);
    if (sleeping) {
      LockSupport.unpark(worker);
    }
    return true;
  }

  private static void release(int keptBytes) {
    PENDING_CALLS.decrementAndGet();
    PENDING_BYTES.addAndGet(-keptBytes);
  }

  private static boolean startWorker() {
    if (worker != null) {
      return true;
    }
    synchronized (SpanFinisher.class) {
      if (worker == null) {
        try {
          Thread thread =
              new Thread(
                  new Runnable() {
                    @Override
                    public void run() {
                      finishForever();
                    }
                  },
                  THREAD_NAME);
          thread.setDaemon(true);
          // the application's class loader must not be pinned by a context loader it never chose
          thread.setContextClassLoader(null);
          thread.start();
          worker = thread;
        } catch (Throwable t) {
          return false; // a security manager or no memory for a thread: the callers finish their
          // own spans
        }
      }
    }
    return true;
  }

  private static void finishForever() {
    long lastWork = System.nanoTime();
    for (; ; ) {
      // a drain request (see the class comment) is acknowledged by clearing it before the queue is
      // emptied
      Thread.interrupted();
      if (finishQueued()) {
        lastWork = System.nanoTime();
      }
      if (System.nanoTime() - lastWork < LINGER_NANOS) {
        LockSupport.parkNanos(IDLE, POLL_NANOS);
      } else {
        sleeping = true;
        if (PENDING.isEmpty()) {
          LockSupport.park(IDLE);
        }
        sleeping = false;
      }
    }
  }

  /** Finishes every queued call; true when there was one. */
  private static boolean finishQueued() {
    boolean any = false;
    RawLlmCall call;
    while ((call = PENDING.poll()) != null) {
      any = true;
      try {
        release(call.keptBytes());
        call.finish();
      } catch (Throwable t) {
        // finish() swallows its own failures; nothing may stop the thread
      }
    }
    return any;
  }

  /** Java 9 and later read the wall clock to the microsecond; Java 8 only to the millisecond. */
  private static boolean microsecondClock() {
    String version = System.getProperty("java.specification.version", "");
    return !version.startsWith("1.");
  }
}
