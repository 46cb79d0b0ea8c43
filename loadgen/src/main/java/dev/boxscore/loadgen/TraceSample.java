package dev.boxscore.loadgen;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A uniform sample of the acknowledged traces (reservoir sampling), so the check reads a fixed
 * number of traces by id however long the run was, and all of them when there are fewer.
 */
final class TraceSample {
  private final int capacity;
  private final SplittableRandom random;
  private final List<SentTrace> kept = new ArrayList<>();
  private long seen;

  TraceSample(int capacity, long seed) {
    if (capacity < 0) {
      throw new IllegalArgumentException("sample size must be 0 or more, got " + capacity);
    }
    this.capacity = capacity;
    this.random = new SplittableRandom(seed);
  }

  synchronized void offer(List<SentTrace> traces) {
    for (SentTrace t : traces) {
      seen++;
      if (kept.size() < capacity) {
        kept.add(t);
      } else if (capacity > 0) {
        long slot = random.nextLong(seen);
        if (slot < capacity) {
          kept.set((int) slot, t);
        }
      }
    }
  }

  synchronized List<SentTrace> traces() {
    return List.copyOf(kept);
  }

  synchronized long seen() {
    return seen;
  }
}
