package dev.boxscore.alerting.rule;

/**
 * The drift API's parameters of a drift rule: the current window is the rule's {@code window}, the
 * baseline the same hours of the {@code baselineDays} days before.
 *
 * @param minChange smallest relative change that counts (0.3 = 30 %)
 * @param alpha significance level of the test
 */
public record DriftSettings(
    int baselineDays, double alpha, double minChange, int minSamples, int maxSamples) {
  public static final DriftSettings DEFAULTS = new DriftSettings(7, 0.01, 0.3, 30, 5000);
}
