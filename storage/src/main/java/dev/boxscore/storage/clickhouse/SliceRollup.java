package dev.boxscore.storage.clickhouse;

import dev.boxscore.storage.analytics.CallFilter;
import dev.boxscore.storage.analytics.Dimension;
import dev.boxscore.storage.analytics.RollupQuery;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Which slice of {@code llm_slice_rollup} (migration 0082) can answer a question the model-keyed
 * rollup cannot: {@code service} when it groups and filters by the service and model dimensions
 * only, {@code prompt} when by the prompt fingerprint or version and model dimensions only.
 * Anything else (a service and a prompt together, a user) reads the full rollups.
 */
final class SliceRollup {
  private static final Set<Dimension> MODEL =
      EnumSet.of(
          Dimension.PROVIDER,
          Dimension.MODEL,
          Dimension.REQUEST_MODEL,
          Dimension.RESPONSE_MODEL,
          Dimension.MODEL_KEY);

  private SliceRollup() {}

  static Optional<String> serving(RollupQuery q) {
    Set<Dimension> asked = EnumSet.noneOf(Dimension.class);
    asked.addAll(q.groupBy());
    CallFilter f = q.filter();
    if (!isBlank(f.service())) {
      asked.add(Dimension.SERVICE);
    }
    if (!isBlank(f.promptFingerprint())) {
      asked.add(Dimension.PROMPT_FINGERPRINT);
    }
    if (!isBlank(f.promptVersion())) {
      asked.add(Dimension.PROMPT_VERSION);
    }
    asked.removeAll(MODEL);
    if (asked.isEmpty() || asked.equals(EnumSet.of(Dimension.SERVICE))) {
      return Optional.of("service");
    }
    if (EnumSet.of(Dimension.PROMPT_FINGERPRINT, Dimension.PROMPT_VERSION).containsAll(asked)) {
      return Optional.of("prompt");
    }
    return Optional.empty();
  }

  private static boolean isBlank(String s) {
    return s == null || s.isEmpty();
  }
}
