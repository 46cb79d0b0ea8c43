package dev.boxscore.loadgen;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Checks through the query API that the run's acknowledged spans are stored exactly once: polls the
 * run's LLM calls until they match what was acknowledged, stop growing for {@code stall}, or {@code
 * maxWait} passes; then reads the sampled traces by id.
 */
final class Verifier {
  private static final Duration PROGRESS_EVERY = Duration.ofSeconds(2);
  private static final int TRACE_ATTEMPTS = 3;

  private final QueryApi api;
  private final PrintStream out;
  private final Duration poll;
  private final Duration stall;
  private final Duration maxWait;

  Verifier(QueryApi api, PrintStream out, Duration poll, Duration stall, Duration maxWait) {
    this.api = api;
    this.out = out;
    this.poll = poll;
    this.stall = stall;
    this.maxWait = maxWait;
  }

  /** The run's LLM calls stored now, summed over its services. */
  long storedLlmCalls(RunNames names, Instant from) throws IOException, InterruptedException {
    long sum = 0;
    Instant to = Instant.now();
    for (String service : names.services()) {
      sum += api.llmCalls(service, from, to);
    }
    return sum;
  }

  Verification verify(
      RunNames names,
      Instant from,
      long expectedLow,
      long expectedHigh,
      long lastAckNanos,
      List<SentTrace> sample)
      throws InterruptedException {
    try {
      long start = System.nanoTime();
      long stored = -1;
      long lastChange = start;
      long lastProgress = start;
      Long drainMillis = null;
      while (true) {
        long now = System.nanoTime();
        long s = storedLlmCalls(names, from);
        now = System.nanoTime();
        if (s != stored) {
          stored = s;
          lastChange = now;
        }
        if (s >= expectedLow) {
          // Matched, or more than acknowledged (duplicates, which will not go away).
          drainMillis = TimeUnit.NANOSECONDS.toMillis(Math.max(0, now - lastAckNanos));
          break;
        }
        if (now - lastChange > stall.toNanos() || now - start > maxWait.toNanos()) {
          out.printf(
              "  stored stopped at %,d of %,d LLM calls (%s)%n",
              s,
              expectedLow,
              now - start > maxWait.toNanos()
                  ? "waited " + maxWait.toSeconds() + " s"
                  : "no growth for " + stall.toSeconds() + " s");
          break;
        }
        if (now - lastProgress >= PROGRESS_EVERY.toNanos()) {
          out.printf(
              "  waiting for storage: %,d of %,d LLM calls stored (%.0f %%)%n",
              s, expectedLow, expectedLow == 0 ? 100.0 : 100.0 * s / expectedLow);
          lastProgress = now;
        }
        Thread.sleep(poll.toMillis());
      }
      CountCheck calls = new CountCheck(expectedLow, expectedHigh, stored);
      List<TraceCheck> traces = new ArrayList<>();
      for (SentTrace t : sample) {
        traces.add(readBack(t, calls.lost() == 0));
      }
      return Verification.of(calls, traces, calls.lost() == 0 ? drainMillis : null);
    } catch (IOException e) {
      return Verification.failed(e.getMessage());
    }
  }

  /** Reads a trace back; an incomplete one is read again a few times when storage has caught up. */
  private TraceCheck readBack(SentTrace trace, boolean caughtUp)
      throws IOException, InterruptedException {
    TraceCheck check = null;
    for (int attempt = 1; attempt <= (caughtUp ? TRACE_ATTEMPTS : 1); attempt++) {
      check =
          TraceCheck.compare(
              trace.traceIdHex(), trace.spanIdsHex(), api.spanIds(trace.traceIdHex()));
      if (check.missing() == 0) {
        return check;
      }
      Thread.sleep(poll.toMillis());
    }
    return check;
  }
}
