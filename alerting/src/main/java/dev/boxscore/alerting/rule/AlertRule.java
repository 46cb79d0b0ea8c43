package dev.boxscore.alerting.rule;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One alerting rule of one project. Which fields matter depends on {@code kind}: threshold rules
 * use {@code metric}, {@code op}, {@code threshold}, {@code warnThreshold}; drift rules {@code
 * metric} and {@code drift}; budget rules {@code budget}; swap rules only the filter, the grouping
 * and {@code window} (how long a swap keeps the alert firing).
 *
 * @param id stable id, assigned when stored
 * @param source {@code api} (editable) or {@code file} (from the rules file; read-only)
 * @param score the score a score metric ({@link Metric#isScore}) is about; null otherwise
 * @param window the trailing window a threshold is measured over, a drift rule's current window
 * @param minCalls fewer calls than this in the window is no data, not a value (fewer scores, for a
 *     score metric)
 * @param forDuration how long the condition must hold before the alert fires ({@code for})
 * @param keepFiringFor how long a firing alert stays firing after the condition ends
 * @param interval how often the rule is evaluated
 * @param channels ids of the channels notified
 * @param version increases with every change; what the store keeps the latest of
 */
public record AlertRule(
    String id,
    String name,
    RuleKind kind,
    String source,
    RuleFilter filter,
    Set<GroupDimension> groupBy,
    Metric metric,
    String score,
    Duration window,
    Comparison op,
    Double threshold,
    Double warnThreshold,
    long minCalls,
    Duration forDuration,
    Duration keepFiringFor,
    Duration interval,
    Severity severity,
    Map<String, String> labels,
    Map<String, String> annotations,
    List<String> channels,
    DriftSettings drift,
    BudgetSettings budget,
    boolean enabled,
    long version) {
  public static final String SOURCE_API = "api";
  public static final String SOURCE_FILE = "file";

  public AlertRule {
    filter = filter == null ? RuleFilter.ANY : filter;
    groupBy = groupBy == null ? Set.of() : Set.copyOf(groupBy);
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    channels = channels == null ? List.of() : List.copyOf(channels);
  }

  public AlertRule withId(String newId, String newSource, long newVersion) {
    return new AlertRule(
        newId,
        name,
        kind,
        newSource,
        filter,
        groupBy,
        metric,
        score,
        window,
        op,
        threshold,
        warnThreshold,
        minCalls,
        forDuration,
        keepFiringFor,
        interval,
        severity,
        labels,
        annotations,
        channels,
        drift,
        budget,
        enabled,
        newVersion);
  }
}
