package dev.boxscore.query.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boxscore.query.api.DriftMetricResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The drift verdicts on streams of known shape, over many fixed seeds. */
class DriftVerdictsTest {
  private final DriftVerdicts verdicts = new DriftVerdicts(50, 0.01, 0.1);

  private static double[] lognormal(Random r, int n, double median, double sigma) {
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = median * Math.exp(sigma * r.nextGaussian());
    }
    return out;
  }

  @Test
  void aShiftedLatencyIsDriftAndAnUnshiftedOneIsNotOverFiftySeeds() {
    int found = 0;
    int falseAlarms = 0;
    for (long seed = 1; seed <= 50; seed++) {
      Random r = new Random(seed);
      double[] baseline = lognormal(r, 1000, 800, 0.3);
      double[] shifted = lognormal(r, 200, 800 * 1.3, 0.3);
      double[] same = lognormal(r, 200, 800, 0.3);
      if (verdicts
          .distribution("latency_ms", baseline, shifted)
          .verdict()
          .equals(DriftVerdicts.DRIFT)) {
        found++;
      }
      if (verdicts
          .distribution("latency_ms", baseline, same)
          .verdict()
          .equals(DriftVerdicts.DRIFT)) {
        falseAlarms++;
      }
    }
    assertThat(found).isEqualTo(50);
    assertThat(falseAlarms).isZero();
  }

  @Test
  void aTailOnlyChangeIsFoundByTheShapeTest() {
    Random r = new Random(42);
    double[] baseline = lognormal(r, 2000, 800, 0.2);
    double[] fatTail = lognormal(r, 500, 800, 0.2);
    for (int i = 0; i < 100; i++) {
      fatTail[i] *= 3;
    }
    DriftMetricResponse m = verdicts.distribution("latency_ms", baseline, fatTail);
    assertThat(m.verdict()).isEqualTo(DriftVerdicts.DRIFT);
    assertThat(m.pValue()).isLessThan(0.01);
  }

  @Test
  void errorRateAndFinishMix() {
    assertThat(verdicts.rate("error_rate", 20, 1000, 30, 200).verdict())
        .isEqualTo(DriftVerdicts.DRIFT);
    assertThat(verdicts.rate("error_rate", 20, 1000, 4, 200).verdict())
        .isEqualTo(DriftVerdicts.NO_DRIFT);
    assertThat(verdicts.rate("error_rate", 0, 1000, 0, 200).pValue()).isEqualTo(1.0);
    assertThat(verdicts.rate("error_rate", 1, 40, 9, 40).verdict())
        .isEqualTo(DriftVerdicts.INSUFFICIENT);

    List<List<String>> base = new ArrayList<>();
    List<List<String>> cur = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      base.add(List.of(i % 20 == 0 ? "length" : "stop"));
    }
    for (int i = 0; i < 300; i++) {
      cur.add(List.of(i % 4 == 0 ? "length" : "stop"));
    }
    DriftMetricResponse mix = verdicts.mix("finish_reason_mix", base, cur);
    assertThat(mix.verdict()).isEqualTo(DriftVerdicts.DRIFT);
    assertThat(mix.change()).isCloseTo(0.2, org.assertj.core.api.Assertions.within(1e-9));
    assertThat(verdicts.mix("finish_reason_mix", base, base.subList(0, 300)).verdict())
        .isEqualTo(DriftVerdicts.NO_DRIFT);
  }

  @Test
  void tooFewSamplesGetNoVerdictAndNoTest() {
    DriftMetricResponse m = verdicts.distribution("latency_ms", new double[49], new double[500]);
    assertThat(m.verdict()).isEqualTo(DriftVerdicts.INSUFFICIENT);
    assertThat(m.pValue()).isNull();
  }
}
