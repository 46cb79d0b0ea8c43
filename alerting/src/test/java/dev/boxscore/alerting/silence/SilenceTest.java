package dev.boxscore.alerting.silence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A silence's state over time and what it silences. */
class SilenceTest {
  static final Instant START = Instant.parse("2026-12-07T14:00:00Z");
  static final Instant END = Instant.parse("2026-12-07T16:00:00Z");
  static final Silence SILENCE =
      new Silence(
          "sil_1",
          "default",
          List.of(
              new Matcher("alertname", "checkout p95 latency", false, true),
              new Matcher("model", "gpt-4o|gpt-4o-mini", true, true)),
          START,
          END,
          "deploying",
          "alice");

  @Test
  void pendingActiveExpired() {
    assertThat(SILENCE.state(START.minusMillis(1))).isEqualTo("pending");
    assertThat(SILENCE.state(START)).isEqualTo("active");
    assertThat(SILENCE.state(END.minusMillis(1))).isEqualTo("active");
    assertThat(SILENCE.state(END)).isEqualTo("expired");
    assertThat(SILENCE.state(END.plusSeconds(3600))).isEqualTo("expired");
  }

  @Test
  void silencesWhenActiveAndEveryMatcherMatches() {
    Map<String, String> labels =
        Map.of("alertname", "checkout p95 latency", "model", "gpt-4o", "team", "payments");
    Instant during = START.plusSeconds(60);
    assertThat(SILENCE.silences(labels, during)).isTrue();
    assertThat(SILENCE.silences(labels, START.minusSeconds(1))).isFalse();
    assertThat(SILENCE.silences(labels, END)).isFalse();
    assertThat(SILENCE.silences(Map.of("alertname", "checkout p95 latency", "model", "o3"), during))
        .isFalse();
    // missing model label is "", which the regex does not match
    assertThat(SILENCE.silences(Map.of("alertname", "checkout p95 latency"), during)).isFalse();
  }

  @Test
  void expiringEndsItNowAndStartsAPendingOneNow() {
    Instant during = START.plusSeconds(60);
    Silence ended = SILENCE.expiredAt(during);
    assertThat(ended.endsAt()).isEqualTo(during);
    assertThat(ended.startsAt()).isEqualTo(START);
    assertThat(ended.state(during)).isEqualTo("expired");

    Instant before = START.minusSeconds(60);
    Silence never = SILENCE.expiredAt(before);
    assertThat(never.startsAt()).isEqualTo(before);
    assertThat(never.endsAt()).isEqualTo(before);
    assertThat(never.state(before)).isEqualTo("expired");

    assertThat(SILENCE.expiredAt(END.plusSeconds(1))).isSameAs(SILENCE);
  }

  @Test
  void theMatcherListIsCopied() {
    List<Matcher> matchers = new java.util.ArrayList<>(SILENCE.matchers());
    Silence s = new Silence(null, "p", matchers, START, END, null, null);
    matchers.clear();
    assertThat(s.matchers()).hasSize(2);
    assertThat(s.comment()).isEmpty();
    assertThat(s.withId("sil_2").id()).isEqualTo("sil_2");
  }
}
