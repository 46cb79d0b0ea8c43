package dev.boxscore.query.service.alerts;

import dev.boxscore.alerting.rule.AlertRule;
import dev.boxscore.alerting.state.AlertInstance;
import java.util.Map;

/** One line saying why an alert fires, for notifications whose rule has no summary of its own. */
final class Summaries {
  private Summaries() {}

  static String summary(AlertRule rule, AlertInstance a) {
    Map<String, String> v = a.values();
    String subject = subject(a.group());
    if (rule.kind() == dev.boxscore.alerting.rule.RuleKind.THRESHOLD && v.containsKey("score")) {
      return String.format(
          "%s%s average %s %s %s over %s (%s scores)",
          subject,
          v.get("score"),
          v.getOrDefault("value", "?"),
          v.getOrDefault("op", ">"),
          v.getOrDefault("threshold", "?"),
          v.getOrDefault("window", "?"),
          v.getOrDefault("scores", "?"));
    }
    return switch (rule.kind()) {
      case THRESHOLD ->
          String.format(
              "%s%s %s %s %s over %s (%s calls)",
              subject,
              v.getOrDefault("metric", ""),
              v.getOrDefault("value", "?"),
              v.getOrDefault("op", ">"),
              v.getOrDefault("threshold", "?"),
              v.getOrDefault("window", "?"),
              v.getOrDefault("calls", "?"));
      case DRIFT ->
          String.format(
              "%s%s drifted %s (baseline %s, now %s, p=%s, %s/%s samples)",
              subject,
              v.getOrDefault("metric", ""),
              percent(v.get("change")),
              v.getOrDefault("baseline", "?"),
              v.getOrDefault("current", "?"),
              v.getOrDefault("p_value", "?"),
              v.getOrDefault("baseline_samples", "?"),
              v.getOrDefault("current_samples", "?"));
      case SWAP ->
          String.format(
              "%s is now answered by %s%s (was %s%s) since %s",
              v.getOrDefault("request_model", a.group().getOrDefault("model", "?")),
              v.getOrDefault("to_model", "?"),
              fingerprint(v.get("to_fingerprint")),
              v.getOrDefault("from_model", "?"),
              fingerprint(v.get("from_fingerprint")),
              v.getOrDefault("at", "?"));
      case BUDGET ->
          String.format(
              "%sspent $%s of $%s this %s (%s%%)%s",
              subject,
              v.getOrDefault("spent_usd", "?"),
              v.getOrDefault("budget_usd", "?"),
              v.getOrDefault("period", "period"),
              v.getOrDefault("percent", "?"),
              v.containsKey("forecast_date")
                  ? ", on pace to cross it on " + v.get("forecast_date")
                  : "");
    };
  }

  private static String subject(Map<String, String> group) {
    StringBuilder b = new StringBuilder();
    group.forEach(
        (k, val) -> {
          if (!RuleEvaluator.LEVEL.equals(k)) {
            b.append(k).append('=').append(val).append(' ');
          }
        });
    return b.length() == 0 ? "" : b.toString().strip() + ": ";
  }

  private static String percent(String change) {
    if (change == null || change.isEmpty()) {
      return "?";
    }
    try {
      return String.format("%+.0f%%", Double.parseDouble(change) * 100);
    } catch (NumberFormatException e) {
      return change;
    }
  }

  private static String fingerprint(String fp) {
    return fp == null || fp.isEmpty() ? "" : " (" + fp + ")";
  }
}
