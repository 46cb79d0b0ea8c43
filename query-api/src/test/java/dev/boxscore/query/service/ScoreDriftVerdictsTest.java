package dev.boxscore.query.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.boxscore.query.api.DriftMetricResponse;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Numeric scores' drift verdicts: judge-like scores (0 to 1 in steps of 0.1, so many ties) whose
 * mean drops by 10 %, over many fixed seeds.
 */
class ScoreDriftVerdictsTest {
  private final DriftVerdicts verdicts = new DriftVerdicts(50, 0.01, 0.05);

  /** n scores around {@code mean} (sd 0.15), rounded to tenths and kept in [0, 1]. */
  private static double[] scores(Random r, int n, double mean) {
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      double v = Math.round((mean + 0.15 * r.nextGaussian()) * 10) / 10.0;
      out[i] = Math.max(0, Math.min(1, v));
    }
    return out;
  }

  @Test
  void aTenPercentDropOfTheMeanOver500ScoresIsDriftAndNoDropIsNotOverFiftySeeds() {
    int found = 0;
    int falseAlarms = 0;
    for (long seed = 1; seed <= 50; seed++) {
      Random r = new Random(seed);
      double[] baseline = scores(r, 500, 0.8);
      if (verdicts
          .mean("score:helpfulness", baseline, scores(r, 500, 0.72))
          .verdict()
          .equals(DriftVerdicts.DRIFT)) {
        found++;
      }
      if (verdicts
          .mean("score:helpfulness", baseline, scores(r, 500, 0.8))
          .verdict()
          .equals(DriftVerdicts.DRIFT)) {
        falseAlarms++;
      }
    }
    assertThat(found).isEqualTo(50);
    assertThat(falseAlarms).isZero();
  }

  @Test
  void theAnswerCarriesTheMeansAndTheirRelativeChange() {
    double[] baseline = {1, 1, 0.8, 0.8, 0.4};
    double[] current = {0.5, 0.5};
    DriftMetricResponse m =
        new DriftVerdicts(2, 0.01, 0.05).mean("score:helpfulness", baseline, current);
    assertThat(m.test()).isEqualTo("mann_whitney_u");
    assertThat(m.baseline()).isCloseTo(0.8, within(1e-9));
    assertThat(m.current()).isCloseTo(0.5, within(1e-9));
    assertThat(m.relativeChange()).isCloseTo(-0.375, within(1e-9));
    assertThat(m.pValue()).isNotNull();
    // Below the minimum: the means still shown, no test run.
    DriftMetricResponse few = verdicts.mean("score:helpfulness", baseline, current);
    assertThat(few.verdict()).isEqualTo(DriftVerdicts.INSUFFICIENT);
    assertThat(few.baseline()).isCloseTo(0.8, within(1e-9));
    assertThat(few.pValue()).isNull();
  }

  @Test
  void equalScoresOnBothSidesAreNoDrift() {
    double[] same = new double[100];
    java.util.Arrays.fill(same, 1.0);
    DriftMetricResponse m = verdicts.mean("score:ok", same, same);
    assertThat(m.verdict()).isEqualTo(DriftVerdicts.NO_DRIFT);
    assertThat(m.pValue()).isEqualTo(1.0);
  }
}
