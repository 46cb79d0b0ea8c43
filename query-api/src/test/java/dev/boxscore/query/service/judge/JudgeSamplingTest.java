package dev.boxscore.query.service.judge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class JudgeSamplingTest {
  @Test
  void theShareSelectedIsTheRateAndTheSameCallsAreSelectedAgain() {
    SplittableRandom random = new SplittableRandom(42);
    int n = 200_000;
    int selected = 0;
    int again = 0;
    int otherEvaluator = 0;
    for (int i = 0; i < n; i++) {
      String trace = String.format("%016x%016x", random.nextLong(), random.nextLong());
      String span = String.format("%016x", random.nextLong());
      boolean in = JudgeSampling.selected("eval_a", trace, span, 0.25);
      selected += in ? 1 : 0;
      again += in == JudgeSampling.selected("eval_a", trace, span, 0.25) ? 1 : 0;
      otherEvaluator += in && JudgeSampling.selected("eval_b", trace, span, 0.25) ? 1 : 0;
    }
    assertThat(selected / (double) n).isBetween(0.245, 0.255);
    assertThat(again).isEqualTo(n);
    // Another evaluator samples independently: a quarter of a quarter overlaps.
    assertThat(otherEvaluator / (double) n).isBetween(0.0575, 0.0675);
    assertThat(JudgeSampling.selected("eval_a", "t", "s", 1.0)).isTrue();
  }
}
