package dev.boxscore.query.service.judge;

import dev.boxscore.storage.evaluators.JudgeCursor;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;

/**
 * What the runner keeps of one evaluator between rounds while this process is the evaluator leader:
 * its cursor (read from storage when it takes over), the judge calls of the last minute (the rate
 * limit) and why it last stopped early.
 */
final class JudgeState {
  private static final Duration WINDOW = Duration.ofMinutes(1);

  JudgeCursor cursor;
  volatile Pause paused;
  private final ArrayDeque<Instant> calls = new ArrayDeque<>();

  /** Takes one of the minute's {@code perMinute} judge calls; false when none is left. */
  synchronized boolean tryCall(Instant now, int perMinute) {
    while (!calls.isEmpty() && !calls.peekFirst().isAfter(now.minus(WINDOW))) {
      calls.pollFirst();
    }
    if (calls.size() >= perMinute) {
      return false;
    }
    calls.addLast(now);
    return true;
  }
}
