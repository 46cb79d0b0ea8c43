package dev.boxscore.query.service;

import dev.boxscore.storage.analytics.ModelVariant;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which variants of a range are swaps: per (provider, request model), each (response model, system
 * fingerprint) variant that first answered after another variant had already answered in the range.
 * A variant whose fingerprint is empty (not reported) only counts when its response model is new.
 */
final class SwapDetection {
  private SwapDetection() {}

  /** The swaps among variants ordered by first minute within each request model, oldest first. */
  static List<ModelSwap> swaps(List<ModelVariant> variants) {
    Map<String, List<ModelVariant>> byRequest = new LinkedHashMap<>();
    for (ModelVariant v : variants) {
      // Calls that name no answering model (failed calls, clients that record none) tell nothing
      // about a swap.
      if (v.responseModel().isEmpty() && v.systemFingerprint().isEmpty()) {
        continue;
      }
      byRequest
          .computeIfAbsent(v.provider() + "\u0000" + v.requestModel(), k -> new ArrayList<>())
          .add(v);
    }
    List<ModelSwap> swaps = new ArrayList<>();
    for (List<ModelVariant> list : byRequest.values()) {
      // Already ordered by first minute (rollup_model_variants.sql).
      Instant firstSeen = list.get(0).firstMinute();
      for (int i = 1; i < list.size(); i++) {
        ModelVariant next = list.get(i);
        if (!next.firstMinute().isAfter(firstSeen)) {
          continue;
        }
        ModelVariant prev = previous(list, i);
        boolean modelChanged = !next.responseModel().equals(prev.responseModel());
        // Only a fingerprint replacing another one: calls that report none (an instrumentation
        // that does not capture it, a provider that omits it) say nothing about a change.
        boolean fingerprintChanged =
            !next.systemFingerprint().isEmpty()
                && !prev.systemFingerprint().isEmpty()
                && !next.systemFingerprint().equals(prev.systemFingerprint());
        if (!modelChanged && !fingerprintChanged) {
          continue;
        }
        if (!modelChanged && seenModelAndFingerprint(list, i)) {
          continue;
        }
        swaps.add(
            new ModelSwap(prev, next, modelChanged ? "response_model" : "system_fingerprint"));
      }
    }
    swaps.sort(Comparator.comparing(s -> s.after().firstMinute()));
    return swaps;
  }

  /**
   * The variant that was answering just before list[i] appeared: the most recently seen earlier
   * one.
   */
  private static ModelVariant previous(List<ModelVariant> list, int i) {
    ModelVariant best = list.get(0);
    for (int j = 0; j < i; j++) {
      ModelVariant v = list.get(j);
      if (v.firstMinute().isBefore(list.get(i).firstMinute())
          && !v.lastMinute().isBefore(best.lastMinute())) {
        best = v;
      }
    }
    return best;
  }

  private static boolean seenModelAndFingerprint(List<ModelVariant> list, int i) {
    ModelVariant v = list.get(i);
    for (int j = 0; j < i; j++) {
      ModelVariant o = list.get(j);
      if (o.responseModel().equals(v.responseModel())
          && Objects.equals(o.systemFingerprint(), v.systemFingerprint())) {
        return true;
      }
    }
    return false;
  }
}
