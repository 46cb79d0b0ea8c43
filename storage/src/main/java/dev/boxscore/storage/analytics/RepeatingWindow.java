package dev.boxscore.storage.analytics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code times} windows as long as {@code first}, each starting {@code every} after the one before:
 * "the same hour on each of the previous 7 days" is one hour, every day, 7 times. A query tests a
 * call against it with arithmetic on its start time instead of a list of windows.
 */
public record RepeatingWindow(TimeWindow first, Duration every, int times) {
  public RepeatingWindow {
    if (times < 1) {
      throw new IllegalArgumentException("times must be at least 1");
    }
    if (every.compareTo(Duration.between(first.from(), first.to())) < 0) {
      throw new IllegalArgumentException(
          "windows must not overlap: every must be at least the window's length");
    }
  }

  /** One window. */
  public static RepeatingWindow once(TimeWindow window) {
    return new RepeatingWindow(window, Duration.between(window.from(), window.to()), 1);
  }

  public Duration length() {
    return Duration.between(first.from(), first.to());
  }

  /** The windows, earliest first. */
  public List<TimeWindow> windows() {
    List<TimeWindow> out = new ArrayList<>(times);
    for (int i = 0; i < times; i++) {
      Duration shift = every.multipliedBy(i);
      out.add(new TimeWindow(first.from().plus(shift), first.to().plus(shift)));
    }
    return out;
  }
}
