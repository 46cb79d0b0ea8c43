package dev.boxscore.storage.scores;

import java.util.Locale;
import java.util.Optional;

/** What a score judges: one span (an LLM call), a whole trace, or a session (conversation). */
public enum ScoreTarget {
  SPAN,
  TRACE,
  SESSION;

  public String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<ScoreTarget> fromApiName(String name) {
    for (ScoreTarget t : values()) {
      if (t.apiName().equals(name)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
