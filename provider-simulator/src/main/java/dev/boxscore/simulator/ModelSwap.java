package dev.boxscore.simulator;

import java.time.Duration;
import java.util.Objects;

/**
 * A silent model swap: after a number of calls, or after some time since the simulator started,
 * requests for {@code requestModel} are answered by {@code swappedModel} (with a different {@code
 * system_fingerprint}). Several swaps for one request model chain: the last one whose condition
 * holds wins.
 *
 * @param requestModel the model clients ask for, e.g. {@code gpt-4o-mini}
 * @param swappedModel the response model once the swap is active, e.g. {@code
 *     gpt-4o-mini-2025-04-14}
 * @param afterCalls the first {@code afterCalls} successful responses for {@code requestModel} are
 *     unswapped; call {@code afterCalls + 1} is the first swapped one. Ignored when {@code
 *     afterTime} is set.
 * @param afterTime when not null, the swap is active once this much time has passed since {@code
 *     start()}
 */
public record ModelSwap(
    String requestModel, String swappedModel, long afterCalls, Duration afterTime) {

  public ModelSwap {
    Objects.requireNonNull(requestModel, "requestModel");
    Objects.requireNonNull(swappedModel, "swappedModel");
    if (afterCalls < 0) {
      throw new IllegalArgumentException("afterCalls must be >= 0, was " + afterCalls);
    }
    if (afterTime != null && afterTime.isNegative()) {
      throw new IllegalArgumentException("afterTime must not be negative, was " + afterTime);
    }
  }

  /** Swap once {@code calls} responses for {@code requestModel} have been sent. */
  public static ModelSwap afterCalls(String requestModel, String swappedModel, long calls) {
    return new ModelSwap(requestModel, swappedModel, calls, null);
  }

  /** Swap once {@code time} has passed since the simulator started. */
  public static ModelSwap afterTime(String requestModel, String swappedModel, Duration time) {
    return new ModelSwap(requestModel, swappedModel, 0, Objects.requireNonNull(time, "time"));
  }

  /**
   * Parses the CLI form {@code REQUEST_MODEL=SWAPPED_MODEL@N} (after N calls) or {@code
   * REQUEST_MODEL=SWAPPED_MODEL@30s} (after a duration: {@code ms}, {@code s} or {@code m} suffix).
   */
  public static ModelSwap parse(String spec) {
    int eq = spec.indexOf('=');
    int at = spec.lastIndexOf('@');
    if (eq <= 0 || at <= eq + 1 || at == spec.length() - 1) {
      throw new IllegalArgumentException(
          "model swap '" + spec + "' must look like REQUEST_MODEL=SWAPPED_MODEL@CALLS or ...@30s");
    }
    String request = spec.substring(0, eq);
    String swapped = spec.substring(eq + 1, at);
    String when = spec.substring(at + 1);
    if (when.chars().allMatch(Character::isDigit)) {
      return afterCalls(request, swapped, Long.parseLong(when));
    }
    return afterTime(request, swapped, Durations.parse(when));
  }
}
