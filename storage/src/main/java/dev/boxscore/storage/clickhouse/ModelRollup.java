package dev.boxscore.storage.clickhouse;

import dev.boxscore.storage.analytics.CallFilter;
import dev.boxscore.storage.analytics.Dimension;
import dev.boxscore.storage.analytics.RollupQuery;
import java.util.EnumSet;
import java.util.Set;

/**
 * When a question can be answered from {@code llm_model_rollup} (migration 0010), which keeps only
 * the model dimensions (provider, request and response model, system fingerprint) and so merges far
 * fewer rows than the full rollups: when it neither groups nor filters by service or prompt.
 */
final class ModelRollup {
  private static final Set<Dimension> KEPT =
      EnumSet.of(
          Dimension.PROVIDER,
          Dimension.MODEL,
          Dimension.REQUEST_MODEL,
          Dimension.RESPONSE_MODEL,
          Dimension.MODEL_KEY);

  private ModelRollup() {}

  static boolean serves(RollupQuery q) {
    return KEPT.containsAll(q.groupBy()) && serves(q.filter());
  }

  static boolean serves(CallFilter filter) {
    return filter == null
        || (isBlank(filter.service())
            && isBlank(filter.promptFingerprint())
            && isBlank(filter.promptVersion()));
  }

  private static boolean isBlank(String s) {
    return s == null || s.isEmpty();
  }
}
