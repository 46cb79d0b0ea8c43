package dev.boxscore.alerting.notify;

import java.time.Instant;
import java.util.Map;

/**
 * One alert as a notification carries it, in Alertmanager's terms.
 *
 * @param fingerprint stable id of the alert instance (rule and group), e.g. for PagerDuty's dedup
 *     key
 * @param firing true while firing; false once resolved
 * @param labels identify the alert: {@code alertname}, {@code rule_id}, {@code severity}, the
 *     group's values, the rule's own labels
 * @param annotations describe it: {@code summary}, {@code description}, the rule's annotations
 * @param values the figures that caused it (value, threshold, window; drift: baseline, current,
 *     change, p_value, samples; swap: from/to; budget: spent, budget, forecast date), as text
 * @param endsAt when it resolved; null while firing
 * @param generatorUrl link into the UI filtered to the offending traffic
 */
public record Alert(
    String fingerprint,
    boolean firing,
    Map<String, String> labels,
    Map<String, String> annotations,
    Map<String, String> values,
    Instant startsAt,
    Instant endsAt,
    String generatorUrl) {
  public Alert {
    labels = Map.copyOf(labels);
    annotations = Map.copyOf(annotations);
    values = Map.copyOf(values);
  }
}
