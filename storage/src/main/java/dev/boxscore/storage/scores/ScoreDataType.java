package dev.boxscore.storage.scores;

import java.util.Locale;
import java.util.Optional;

/**
 * The kind of a score's value: a number; a boolean (value 1 or 0, averaged as the share true); a
 * category (a label, optionally with a number); free text (a label only).
 */
public enum ScoreDataType {
  NUMERIC,
  BOOLEAN,
  CATEGORICAL,
  TEXT;

  public String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<ScoreDataType> fromApiName(String name) {
    for (ScoreDataType t : values()) {
      if (t.apiName().equals(name)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
