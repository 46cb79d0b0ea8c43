package dev.boxscore.otel.ext.sdk;

import dev.boxscore.otel.ext.rawhttp.SpanFinisher;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The first span processor: before the exporting processors flush or shut down, the span finisher
 * threads (one per class loader that instruments an HTTP client) end the spans still queued with
 * them, so that the last calls of a process that exits are exported too. See {@link SpanFinisher}
 * for the handshake.
 */
final class FinisherDrain implements SpanProcessor {
  /**
   * Finishing one queued call takes microseconds; this only bounds a finisher stuck in an
   * exporter's lock.
   */
  static final long MAX_WAIT_NANOS = TimeUnit.SECONDS.toNanos(2);

  private static final long POLL_NANOS = TimeUnit.MICROSECONDS.toNanos(50);

  @Override
  public void onStart(Context parentContext, ReadWriteSpan span) {}

  @Override
  public boolean isStartRequired() {
    return false;
  }

  @Override
  public void onEnd(ReadableSpan span) {}

  @Override
  public boolean isEndRequired() {
    return false;
  }

  @Override
  public CompletableResultCode forceFlush() {
    drain();
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public CompletableResultCode shutdown() {
    drain();
    return CompletableResultCode.ofSuccess();
  }

  /**
   * Returns once every finisher has ended the spans queued before the call (or after the wait
   * bound).
   */
  static void drain() {
    try {
      List<Thread> finishers = finisherThreads();
      for (Thread finisher : finishers) {
        finisher.interrupt();
      }
      long deadline = System.nanoTime() + MAX_WAIT_NANOS;
      for (Thread finisher : finishers) {
        while (finisher.isAlive()
            && !idleSinceRequest(finisher)
            && System.nanoTime() - deadline < 0) {
          LockSupport.parkNanos(POLL_NANOS);
        }
      }
    } catch (Throwable t) {
      // a flush must go on without us
    }
  }

  /**
   * The thread took the request (cleared its interrupt) and then emptied its queue (parks on IDLE).
   */
  private static boolean idleSinceRequest(Thread finisher) {
    return !finisher.isInterrupted() && SpanFinisher.IDLE.equals(LockSupport.getBlocker(finisher));
  }

  private static List<Thread> finisherThreads() {
    ThreadGroup root = Thread.currentThread().getThreadGroup();
    while (root.getParent() != null) {
      root = root.getParent();
    }
    Thread[] threads = new Thread[root.activeCount() * 2 + 16];
    int count = root.enumerate(threads, true);
    List<Thread> finishers = new ArrayList<Thread>();
    for (int i = 0; i < count; i++) {
      if (SpanFinisher.THREAD_NAME.equals(threads[i].getName())) {
        finishers.add(threads[i]);
      }
    }
    return finishers;
  }
}
