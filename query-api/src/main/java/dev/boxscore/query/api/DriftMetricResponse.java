package dev.boxscore.query.api;

/**
 * One compared quantity. {@code verdict}: {@code drift} (p below alpha and the change at least the
 * minimum), {@code no_drift}, or {@code insufficient_samples} (either side below the minimum sample
 * size; no test is run). {@code baseline}/{@code current}: the median for distributions, the rate
 * for error rate, null for a mix; for a score ({@code score:<name>}) the mean of a numeric score,
 * the share true of a boolean one, null for a categorical one (a mix).
 */
public record DriftMetricResponse(
    String metric,
    String test,
    Double baseline,
    Double current,
    Double change,
    Double relativeChange,
    Double pValue,
    long baselineSamples,
    long currentSamples,
    String verdict) {}
