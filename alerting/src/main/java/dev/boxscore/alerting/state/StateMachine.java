package dev.boxscore.alerting.state;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Prometheus' alert life cycle with two more states. A condition that holds makes an alert pending,
 * and firing once it has held for {@code for} (at once when {@code for} is zero); a firing alert
 * resolves when the condition has not held for {@code keepFiringFor}. No data and errors are states
 * of their own rather than "false": an alert with no calls to judge is not healthy, it is unknown.
 * A firing alert rides out an evaluation error (a store hiccup must not page "resolved" and then
 * "firing" again); it resolves on no data, as a Prometheus alert whose series vanished does.
 */
public final class StateMachine {
  private final Duration forDuration;
  private final Duration keepFiringFor;

  public StateMachine(Duration forDuration, Duration keepFiringFor) {
    this.forDuration = forDuration;
    this.keepFiringFor = keepFiringFor;
  }

  /**
   * The next state of {@code prev} (null: the group had no alert yet) after observation {@code o}
   * at {@code now}.
   */
  public Step next(
      String projectId,
      String ruleId,
      Map<String, String> group,
      AlertInstance prev,
      Observation o,
      Instant now) {
    if (prev == null) {
      prev =
          new AlertInstance(
              projectId,
              ruleId,
              group,
              AlertState.INACTIVE,
              now,
              null,
              null,
              null,
              null,
              now,
              null,
              Map.of(),
              null);
    }
    AlertState from = prev.state();
    return switch (o.outcome()) {
      case TRUE -> whenTrue(prev, o, now);
      case FALSE -> whenFalse(prev, o, now);
      case NO_DATA -> whenUnknown(prev, o, now, AlertState.NO_DATA);
      case ERROR ->
          from == AlertState.FIRING
              ? stay(prev, o, now)
              : whenUnknown(prev, o, now, AlertState.ERROR);
    };
  }

  private Step whenTrue(AlertInstance prev, Observation o, Instant now) {
    switch (prev.state()) {
      case FIRING:
        return stay(prev, o, now, now);
      case PENDING:
        if (!now.isBefore(prev.activeAt().plus(forDuration))) {
          return move(
              prev, AlertState.FIRING, prev.activeAt(), now, prev.resolvedAt(), now, o, now);
        }
        return stay(prev, o, now, now);
      default:
        if (forDuration.isZero()) {
          return move(prev, AlertState.FIRING, now, now, prev.resolvedAt(), now, o, now);
        }
        return move(prev, AlertState.PENDING, now, prev.firedAt(), prev.resolvedAt(), now, o, now);
    }
  }

  private Step whenFalse(AlertInstance prev, Observation o, Instant now) {
    switch (prev.state()) {
      case FIRING:
        if (keepsFiring(prev, now)) {
          return stay(prev, o, now);
        }
        return move(
            prev, AlertState.RESOLVED, null, prev.firedAt(), now, prev.lastTrueAt(), o, now);
      case RESOLVED:
      case INACTIVE:
        return stay(prev, o, now);
      default:
        return move(
            prev,
            AlertState.INACTIVE,
            null,
            prev.firedAt(),
            prev.resolvedAt(),
            prev.lastTrueAt(),
            o,
            now);
    }
  }

  private Step whenUnknown(AlertInstance prev, Observation o, Instant now, AlertState unknown) {
    if (prev.state() == unknown) {
      return stay(prev, o, now);
    }
    if (prev.state() == AlertState.FIRING) {
      if (keepsFiring(prev, now)) {
        return stay(prev, o, now);
      }
      return move(prev, unknown, null, prev.firedAt(), now, prev.lastTrueAt(), o, now);
    }
    return move(prev, unknown, null, prev.firedAt(), prev.resolvedAt(), prev.lastTrueAt(), o, now);
  }

  private boolean keepsFiring(AlertInstance prev, Instant now) {
    return !keepFiringFor.isZero()
        && prev.lastTrueAt() != null
        && now.isBefore(prev.lastTrueAt().plus(keepFiringFor));
  }

  private static Step stay(AlertInstance prev, Observation o, Instant now) {
    return stay(prev, o, now, prev.lastTrueAt());
  }

  private static Step stay(AlertInstance prev, Observation o, Instant now, Instant lastTrueAt) {
    return new Step(
        prev.with(
            prev.state(),
            prev.since(),
            prev.activeAt(),
            prev.firedAt(),
            prev.resolvedAt(),
            lastTrueAt,
            now,
            o),
        Optional.empty());
  }

  private static Step move(
      AlertInstance prev,
      AlertState to,
      Instant activeAt,
      Instant firedAt,
      Instant resolvedAt,
      Instant lastTrueAt,
      Observation o,
      Instant now) {
    return new Step(
        prev.with(to, now, activeAt, firedAt, resolvedAt, lastTrueAt, now, o),
        Optional.of(new Transition(prev.state(), to, now)));
  }
}
