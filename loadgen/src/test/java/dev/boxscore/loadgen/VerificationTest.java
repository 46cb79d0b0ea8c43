package dev.boxscore.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VerificationTest {
  @Test
  void storedEqualToAcknowledgedIsExactlyOnce() {
    CountCheck c = CountCheck.exactly(1000, 1000);
    assertThat(c.ok()).isTrue();
    assertThat(c.lost()).isZero();
    assertThat(c.excess()).isZero();
  }

  @Test
  void fewerStoredAreLossesAndMoreAreDuplicates() {
    assertThat(CountCheck.exactly(1000, 990).lost()).isEqualTo(10);
    assertThat(CountCheck.exactly(1000, 990).ok()).isFalse();
    assertThat(CountCheck.exactly(1000, 1004).excess()).isEqualTo(4);
    assertThat(CountCheck.exactly(1000, 1004).lost()).isZero();
    assertThat(CountCheck.exactly(1000, 1004).ok()).isFalse();
  }

  @Test
  void aPartialSuccessMakesTheAcknowledgedARange() {
    CountCheck range = new CountCheck(95, 100, 97);
    assertThat(range.ok()).isTrue();
    assertThat(new CountCheck(95, 100, 94).lost()).isEqualTo(1);
    assertThat(new CountCheck(95, 100, 101).excess()).isEqualTo(1);
  }

  @Test
  void aTraceReadBackComparesSpanBySpan() {
    Set<String> sent = Set.of("a", "b", "c");
    assertThat(TraceCheck.compare("t", sent, List.of("c", "a", "b")).ok()).isTrue();

    TraceCheck lost = TraceCheck.compare("t", sent, List.of("a", "b"));
    assertThat(lost.missing()).isEqualTo(1);
    assertThat(lost.ok()).isFalse();

    TraceCheck doubled = TraceCheck.compare("t", sent, List.of("a", "b", "c", "b", "b"));
    assertThat(doubled.duplicated()).isEqualTo(2);
    assertThat(doubled.missing()).isZero();
    assertThat(doubled.ok()).isFalse();

    TraceCheck stranger = TraceCheck.compare("t", sent, List.of("a", "b", "c", "x"));
    assertThat(stranger.unexpected()).isEqualTo(1);
    assertThat(stranger.ok()).isFalse();

    TraceCheck unknown = TraceCheck.compare("t", sent, List.of());
    assertThat(unknown.missing()).isEqualTo(3);
    assertThat(unknown.found()).isZero();
  }

  @Test
  void theVerdictNeedsTheCountsAndEverySampledTrace() {
    TraceCheck whole = TraceCheck.compare("t1", Set.of("a"), List.of("a"));
    TraceCheck doubled = TraceCheck.compare("t2", Set.of("b"), List.of("b", "b"));
    assertThat(Verification.of(CountCheck.exactly(2, 2), List.of(whole), 10L).ok()).isTrue();
    Verification v = Verification.of(CountCheck.exactly(2, 2), List.of(whole, doubled), 10L);
    assertThat(v.ok()).isFalse();
    assertThat(v.tracesChecked()).isEqualTo(2);
    assertThat(v.tracesComplete()).isEqualTo(1);
    assertThat(v.spansDuplicated()).isEqualTo(1);
    assertThat(v.spansExpected()).isEqualTo(2);
    assertThat(v.spansFound()).isEqualTo(3);
    assertThat(Verification.of(CountCheck.exactly(2, 1), List.of(whole), null).ok()).isFalse();
    assertThat(Verification.failed("GET /api/v1/metrics answered 401").ok()).isFalse();
  }
}
