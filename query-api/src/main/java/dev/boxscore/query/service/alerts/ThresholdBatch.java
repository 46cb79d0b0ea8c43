package dev.boxscore.query.service.alerts;

import dev.boxscore.alerting.rule.AlertRule;
import dev.boxscore.alerting.rule.GroupDimension;
import dev.boxscore.alerting.rule.RuleFilter;
import dev.boxscore.storage.analytics.Dimension;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Threshold rules that one metrics question answers together: same window, and the same dimensions
 * among their filters and groupings (the "shape"). The question groups by all of them with no
 * filter; each rule then takes the rows whose values are its filter's. A model filter is a group of
 * {@link Dimension#MODEL_KEY} (every model a call answers to), which is exactly what the filter
 * matches; grouping by model stays the answering model. Every row is one group of one rule, so no
 * figure is merged in Java: quantiles stay the engine's.
 */
record ThresholdBatch(Duration window, Set<Dimension> shape) {
  static ThresholdBatch of(AlertRule rule) {
    Set<Dimension> shape = EnumSet.noneOf(Dimension.class);
    RuleFilter f = rule.filter();
    if (f.service() != null) {
      shape.add(Dimension.SERVICE);
    }
    if (f.provider() != null) {
      shape.add(Dimension.PROVIDER);
    }
    if (f.model() != null) {
      shape.add(Dimension.MODEL_KEY);
    }
    if (f.promptVersion() != null) {
      shape.add(Dimension.PROMPT_VERSION);
    }
    for (GroupDimension g : rule.groupBy()) {
      shape.add(Dimension.fromApiName(g.apiName()).orElseThrow());
    }
    return new ThresholdBatch(rule.window(), Set.copyOf(shape));
  }

  /** Whether a row of the batch's answer (its group's values by API name) is one of the rule's. */
  static boolean matches(AlertRule rule, Map<String, String> row) {
    RuleFilter f = rule.filter();
    return same(f.service(), row.get("service"))
        && same(f.provider(), row.get("provider"))
        && same(f.model(), row.get("model_key"))
        && same(f.promptVersion(), row.get("prompt_version"));
  }

  /** The row's group as the rule's alert sees it: its groupBy dimensions only. */
  static Map<String, String> group(AlertRule rule, Map<String, String> row) {
    Map<String, String> g = new LinkedHashMap<>();
    for (GroupDimension d : rule.groupBy()) {
      g.put(d.apiName(), row.getOrDefault(d.apiName(), ""));
    }
    return g;
  }

  private static boolean same(String wanted, String actual) {
    return wanted == null || wanted.equals(actual);
  }
}
