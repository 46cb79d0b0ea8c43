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
  /**
   * maxSamples is the drift API's default (2,000 calls per side, a reproducible hash sample): more
   * costs each rule's sample query more engine time for little power at these effect sizes.
   */
  public static final DriftSettings DEFAULTS = new DriftSettings(7, 0.01, 0.3, 30, 2000);
}
