package dev.boxscore.storage.scores;

import java.util.Locale;
import java.util.Optional;

/**
 * Who made a score: code through the REST API, code through OpenTelemetry ({@code
 * gen_ai.evaluation.result}), Boxscore's LLM-as-judge runner, or a person (feedback in the UI).
 */
public enum ScoreSource {
  API,
  OTEL,
  LLM_JUDGE,
  ANNOTATION;

  public String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<ScoreSource> fromApiName(String name) {
    for (ScoreSource s : values()) {
      if (s.apiName().equals(name)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
