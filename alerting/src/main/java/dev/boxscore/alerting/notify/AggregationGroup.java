package dev.boxscore.alerting.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Dispatcher's state of one group (one rule's alerts for one channel): its current alerts, its
 * timers and the last notification the receiver got. Not thread-safe: the Dispatcher guards it.
 */
final class AggregationGroup {
  Channel channel;
  final String key;
  private List<Alert> alerts = List.of();

  /** When the first firing alert arrived; the first flush waits groupWait from here. */
  private Instant firstFiringAt;

  /** When this process last flushed it (success or not); later flushes wait groupInterval. */
  private Instant lastFlushAt;

  /** A restart found the receiver believing something fires: carry on without a groupWait. */
  private Instant restoredAt;

  private NotificationLogEntry last;
  private boolean logLoaded;
  private boolean inFlight;

  AggregationGroup(Channel channel, String key) {
    this.channel = channel;
    this.key = key;
  }

  /**
   * The evaluator's current alerts. An alert that disappears while firing is taken as resolved now,
   * and a resolved one is kept until its resolve is sent: the receiver must not be left with a
   * trigger nobody will ever close.
   */
  void update(Channel channel, List<Alert> current, Instant now) {
    this.channel = channel;
    Map<String, Alert> next = new LinkedHashMap<>();
    for (Alert a : current) {
      next.put(a.fingerprint(), a);
    }
    for (Alert old : alerts) {
      next.computeIfAbsent(old.fingerprint(), fp -> old.firing() ? resolved(old, now) : old);
    }
    alerts = List.copyOf(next.values());
    if (firstFiringAt == null && current.stream().anyMatch(Alert::firing)) {
      firstFiringAt = now;
    }
  }

  boolean logLoaded() {
    return logLoaded;
  }

  void logLoaded(NotificationLogEntry entry) {
    logLoaded = true;
    last = entry;
    if (entry != null && !entry.firing().isEmpty() && lastFlushAt == null) {
      restoredAt = entry.at();
    }
  }

  boolean inFlight() {
    return inFlight;
  }

  /** Drops resolved alerts the receiver need not hear of; true when nothing is left. */
  boolean prune() {
    alerts = alerts.stream().filter(a -> a.firing() || resolveOwed(a)).toList();
    return alerts.isEmpty();
  }

  /**
   * The notification due at {@code now}, marking it in flight; null when it is not yet time or
   * nothing changed (Alertmanager's dedup: new firing alerts, owed resolves, or a repeat).
   */
  Notification flush(Instant now) {
    Instant due = dueAt();
    if (inFlight || due == null || now.isBefore(due)) {
      return null;
    }
    Set<String> lastFiring = last == null ? Set.of() : last.firing();
    List<Alert> payload = new ArrayList<>();
    List<Alert> changed = new ArrayList<>();
    boolean anyFiring = false;
    for (Alert a : alerts) {
      if (a.firing()) {
        anyFiring = true;
        payload.add(a);
        if (!lastFiring.contains(a.fingerprint())) {
          changed.add(a);
        }
      } else if (resolveOwed(a)) {
        payload.add(a);
        changed.add(a);
      }
    }
    boolean repeat =
        anyFiring && last != null && !now.isBefore(last.at().plus(repeatInterval(channel)));
    if (changed.isEmpty() && !repeat) {
      return null;
    }
    inFlight = true;
    lastFlushAt = now;
    return new Notification(channel, key, payload, repeat ? payload : changed, now);
  }

  /** The flush's outcome: on success the receiver now knows what it carried. */
  void flushed(Notification n, boolean ok) {
    inFlight = false;
    if (ok) {
      last = n.logEntry();
    }
  }

  private boolean resolveOwed(Alert a) {
    return last != null
        && last.firing().contains(a.fingerprint())
        && !last.resolved().contains(a.fingerprint());
  }

  private Instant dueAt() {
    if (lastFlushAt != null) {
      return lastFlushAt.plus(groupInterval(channel));
    }
    if (restoredAt != null) {
      return restoredAt.plus(groupInterval(channel));
    }
    if (firstFiringAt != null) {
      return firstFiringAt.plus(groupWait(channel));
    }
    return null;
  }

  private static Alert resolved(Alert a, Instant now) {
    return new Alert(
        a.fingerprint(),
        false,
        a.labels(),
        a.annotations(),
        a.values(),
        a.startsAt(),
        now,
        a.generatorUrl());
  }

  static Duration groupWait(Channel c) {
    return c.groupWait() != null ? c.groupWait() : Channel.DEFAULT_GROUP_WAIT;
  }

  static Duration groupInterval(Channel c) {
    return c.groupInterval() != null ? c.groupInterval() : Channel.DEFAULT_GROUP_INTERVAL;
  }

  static Duration repeatInterval(Channel c) {
    return c.repeatInterval() != null ? c.repeatInterval() : Channel.DEFAULT_REPEAT_INTERVAL;
  }
}
