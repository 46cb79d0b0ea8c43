package dev.boxscore.alerting.silence;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Mutes the notifications of the alerts whose labels match every matcher, from {@code startsAt}
 * until {@code endsAt}; never their state. As in Alertmanager.
 *
 * @param createdBy who made it; null if not known
 */
public record Silence(
    String id,
    String projectId,
    List<Matcher> matchers,
    Instant startsAt,
    Instant endsAt,
    String comment,
    String createdBy) {
  public static final String PENDING = "pending";
  public static final String ACTIVE = "active";
  public static final String EXPIRED = "expired";

  public Silence {
    matchers = List.copyOf(matchers);
    Objects.requireNonNull(startsAt, "startsAt");
    Objects.requireNonNull(endsAt, "endsAt");
    comment = comment == null ? "" : comment;
  }

  /**
   * {@code pending} before {@code startsAt}, {@code active} from it until {@code endsAt}, then
   * {@code expired}. {@code endsAt} itself is expired (Alertmanager still counts it as active) so
   * that a silence expired now reads as expired in the same answer.
   */
  public String state(Instant now) {
    if (now.isBefore(startsAt)) {
      return PENDING;
    }
    return now.isBefore(endsAt) ? ACTIVE : EXPIRED;
  }

  /** Whether it is active and every matcher matches; a missing label is the empty string. */
  public boolean silences(Map<String, String> labels, Instant now) {
    if (!ACTIVE.equals(state(now))) {
      return false;
    }
    for (Matcher m : matchers) {
      if (!m.matches(labels)) {
        return false;
      }
    }
    return true;
  }

  public Silence withId(String newId) {
    return new Silence(newId, projectId, matchers, startsAt, endsAt, comment, createdBy);
  }

  /**
   * This silence ended at {@code now} (what deleting it does); one not started yet also starts at
   * {@code now}, as in Alertmanager. An expired one stays as it was.
   */
  public Silence expiredAt(Instant now) {
    if (EXPIRED.equals(state(now))) {
      return this;
    }
    Instant start = startsAt.isAfter(now) ? now : startsAt;
    return new Silence(id, projectId, matchers, start, now, comment, createdBy);
  }
}
