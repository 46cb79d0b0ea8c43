package dev.boxscore.alerting.state;

import java.time.Instant;
import java.util.Map;

/**
 * One alert: a rule's state for one group (the values of its {@code groupBy} dimensions, plus
 * {@code level} for rules with a warning level or a budget's forecast).
 *
 * @param activeAt when the condition began to hold in this episode (start of pending)
 * @param firedAt when it last began firing
 * @param resolvedAt when it last resolved
 * @param lastTrueAt when the condition last held ({@code keepFiringFor} counts from here)
 * @param evaluatedAt the evaluation that wrote this state
 */
public record AlertInstance(
    String projectId,
    String ruleId,
    Map<String, String> group,
    AlertState state,
    Instant since,
    Instant activeAt,
    Instant firedAt,
    Instant resolvedAt,
    Instant lastTrueAt,
    Instant evaluatedAt,
    Double value,
    Map<String, String> values,
    String error) {
  public AlertInstance {
    group = Map.copyOf(group);
    values = values == null ? Map.of() : Map.copyOf(values);
  }

  /** A stable key of the group: its entries sorted, {@code name=value} joined by commas. */
  public String groupKey() {
    return GroupKeys.of(group);
  }

  AlertInstance with(
      AlertState newState,
      Instant newSince,
      Instant newActiveAt,
      Instant newFiredAt,
      Instant newResolvedAt,
      Instant newLastTrueAt,
      Instant now,
      Observation o) {
    return new AlertInstance(
        projectId,
        ruleId,
        group,
        newState,
        newSince,
        newActiveAt,
        newFiredAt,
        newResolvedAt,
        newLastTrueAt,
        now,
        o.value(),
        o.values(),
        o.error());
  }
}
