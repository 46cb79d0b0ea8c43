package dev.boxscore.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Decides which model answers a request: the dated snapshot behind a request alias (as the real
 * providers report), unless a {@link ModelSwap} is active. Also derives the {@code
 * system_fingerprint}, which changes with the model.
 */
final class ModelRouter {
  /**
   * Aliases resolved to a dated snapshot like the providers do; other names are echoed back
   * unchanged.
   */
  static final Map<String, String> DEFAULT_SNAPSHOTS =
      Map.ofEntries(
          Map.entry("gpt-4o", "gpt-4o-2024-08-06"),
          Map.entry("gpt-4o-mini", "gpt-4o-mini-2024-07-18"),
          Map.entry("gpt-4.1", "gpt-4.1-2025-04-14"),
          Map.entry("gpt-4.1-mini", "gpt-4.1-mini-2025-04-14"),
          Map.entry("o3-mini", "o3-mini-2025-01-31"),
          Map.entry("o4-mini", "o4-mini-2025-04-16"),
          Map.entry("gpt-5-mini", "gpt-5-mini-2025-08-07"),
          Map.entry("claude-sonnet-4-5", "claude-sonnet-4-5-20250929"),
          Map.entry("claude-haiku-4-5", "claude-haiku-4-5-20251001"),
          Map.entry("claude-opus-4-1", "claude-opus-4-1-20250805"));

  private final Map<String, String> snapshots;
  private final List<ModelSwap> swaps;
  private final Clock clock;
  private final Map<String, AtomicLong> callsByModel = new ConcurrentHashMap<>();
  private volatile Instant startedAt;

  ModelRouter(Map<String, String> extraAliases, List<ModelSwap> swaps, Clock clock) {
    Map<String, String> merged = new HashMap<>(DEFAULT_SNAPSHOTS);
    merged.putAll(extraAliases);
    this.snapshots = Map.copyOf(merged);
    this.swaps = List.copyOf(swaps);
    this.clock = clock;
    this.startedAt = clock.instant();
  }

  void markStarted() {
    startedAt = clock.instant();
  }

  /** Counts one answered call for {@code requestModel} and returns the model that answers it. */
  String answer(String requestModel) {
    long call = callsByModel.computeIfAbsent(requestModel, k -> new AtomicLong()).incrementAndGet();
    Duration elapsed = Duration.between(startedAt, clock.instant());
    String model = snapshots.getOrDefault(requestModel, requestModel);
    for (ModelSwap swap : swaps) {
      if (!swap.requestModel().equals(requestModel)) {
        continue;
      }
      boolean active =
          swap.afterTime() != null
              ? elapsed.compareTo(swap.afterTime()) >= 0
              : call > swap.afterCalls();
      if (active) {
        model = swap.swappedModel();
      }
    }
    return model;
  }

  /**
   * {@code fp_} plus 10 hex digits of the model's hash: stable per model, different after a swap.
   */
  static String fingerprint(String responseModel) {
    return "fp_"
        + String.format("%010x", TextGenerator.seed("fingerprint", responseModel) & 0xffffffffffL);
  }

  /** Reasoning-style models (o1, o3, o4…, gpt-5…) report reasoning tokens. */
  static boolean isReasoning(String model) {
    return model.matches("^o\\d.*") || model.startsWith("gpt-5");
  }
}
