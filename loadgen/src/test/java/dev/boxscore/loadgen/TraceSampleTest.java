package dev.boxscore.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TraceSampleTest {
  @Test
  void keepsAllTracesWhenFewerThanTheSampleAndAFixedNumberOtherwise() {
    TraceSample small = new TraceSample(10, 1);
    small.offer(traces(0, 4));
    assertThat(small.traces()).hasSize(4);

    TraceSample sample = new TraceSample(100, 1);
    for (int i = 0; i < 100; i++) {
      sample.offer(traces(i * 100, 100));
    }
    assertThat(sample.seen()).isEqualTo(10_000);
    assertThat(sample.traces()).hasSize(100);
    // Uniform: the sample reaches beyond the first batch.
    assertThat(sample.traces().stream().filter(t -> t.traceIdLow() >= 100).count())
        .isGreaterThan(80);
  }

  private static List<SentTrace> traces(int from, int n) {
    List<SentTrace> out = new ArrayList<>();
    for (int i = from; i < from + n; i++) {
      out.add(new SentTrace(1, i, new long[] {i}));
    }
    return out;
  }
}
