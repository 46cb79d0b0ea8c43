package dev.boxscore.alerting.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StateMachineTest {
  private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");
  private static final Map<String, String> GROUP = Map.of("model", "gpt-4o");

  /** Runs one observation per minute from T0 and returns the states, one per minute. */
  private static String run(StateMachine m, Outcome... outcomes) {
    AlertInstance current = null;
    StringBuilder states = new StringBuilder();
    for (int i = 0; i < outcomes.length; i++) {
      Observation o = new Observation(outcomes[i], 1.0, Map.of(), null);
      Step step = m.next("p", "r", GROUP, current, o, T0.plusSeconds(60L * i));
      current = step.instance();
      states.append(states.length() == 0 ? "" : " ").append(current.state().apiName());
    }
    return states.toString();
  }

  private static final Outcome T = Outcome.TRUE;
  private static final Outcome F = Outcome.FALSE;
  private static final Outcome N = Outcome.NO_DATA;
  private static final Outcome E = Outcome.ERROR;

  @Test
  void withoutForAConditionFiresAtOnceAndResolvesWhenItEnds() {
    assertThat(run(new StateMachine(Duration.ZERO, Duration.ZERO), F, T, T, F, F))
        .isEqualTo("inactive firing firing resolved resolved");
  }

  @Test
  void aSingleOutlierDoesNotFireARuleWithFor() {
    StateMachine m = new StateMachine(Duration.ofMinutes(3), Duration.ZERO);
    assertThat(run(m, F, T, F, F, T, F))
        .isEqualTo("inactive pending inactive inactive pending inactive");
  }

  @Test
  void aConditionThatHoldsForFiresWhenForHasPassed() {
    StateMachine m = new StateMachine(Duration.ofMinutes(3), Duration.ZERO);
    assertThat(run(m, T, T, T, T, T, F))
        .isEqualTo("pending pending pending firing firing resolved");
  }

  @Test
  void keepFiringForRidesOutShortGaps() {
    StateMachine m = new StateMachine(Duration.ZERO, Duration.ofMinutes(2));
    assertThat(run(m, T, F, T, F, F, F)).isEqualTo("firing firing firing firing resolved resolved");
  }

  @Test
  void noDataAndErrorsAreStatesOfTheirOwn() {
    StateMachine m = new StateMachine(Duration.ZERO, Duration.ZERO);
    assertThat(run(m, N, F, E, T, E, N, T))
        .isEqualTo("no_data inactive error firing firing no_data firing");
  }

  @Test
  void aResolvedAlertFiresAgainAsANewEpisode() {
    StateMachine m = new StateMachine(Duration.ofMinutes(1), Duration.ZERO);
    AlertInstance a = null;
    Instant t = T0;
    for (Outcome o : new Outcome[] {T, T, F, T, T}) {
      a = m.next("p", "r", GROUP, a, new Observation(o, 1.0, Map.of(), null), t).instance();
      t = t.plusSeconds(60);
    }
    assertThat(a.state()).isEqualTo(AlertState.FIRING);
    assertThat(a.firedAt()).isEqualTo(T0.plusSeconds(240));
    assertThat(a.activeAt()).isEqualTo(T0.plusSeconds(180));
    assertThat(a.resolvedAt()).isEqualTo(T0.plusSeconds(120));
  }

  @Test
  void transitionsAreReportedOnlyOnChange() {
    StateMachine m = new StateMachine(Duration.ZERO, Duration.ZERO);
    Step first = m.next("p", "r", GROUP, null, Observation.of(true, 3.0, Map.of()), T0);
    Step second =
        m.next(
            "p",
            "r",
            GROUP,
            first.instance(),
            Observation.of(true, 4.0, Map.of()),
            T0.plusSeconds(60));
    assertThat(first.transition())
        .hasValueSatisfying(
            tr -> {
              assertThat(tr.from()).isEqualTo(AlertState.INACTIVE);
              assertThat(tr.to()).isEqualTo(AlertState.FIRING);
            });
    assertThat(second.transition()).isEmpty();
    assertThat(second.instance().value()).isEqualTo(4.0);
    assertThat(second.instance().since()).isEqualTo(T0);
  }

  @Test
  void groupKeysAndFingerprintsAreStableAndUnambiguous() {
    assertThat(GroupKeys.of(Map.of("b", "2", "a", "1"))).isEqualTo("a=1,b=2");
    assertThat(GroupKeys.of(Map.of("a", "1,b=2")))
        .isNotEqualTo(GroupKeys.of(Map.of("a", "1", "b", "2")));
    assertThat(GroupKeys.fingerprint("p", "r", Map.of("model", "x")))
        .hasSize(16)
        .isEqualTo(GroupKeys.fingerprint("p", "r", Map.of("model", "x")))
        .isNotEqualTo(GroupKeys.fingerprint("p", "r", Map.of("model", "y")));
  }
}
