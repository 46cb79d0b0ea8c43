package dev.boxscore.query.mapping;

import dev.boxscore.query.api.MetricsRowResponse;
import dev.boxscore.query.api.PromptScoreResponse;
import dev.boxscore.query.api.PromptVersionResponse;
import dev.boxscore.storage.scores.ScoreAggregate;
import java.time.Instant;
import java.util.List;

/** Analytics rows, seen times and score aggregates to prompt-version answers. */
public final class PromptApiMapper {
  private PromptApiMapper() {}

  /**
   * One version's answer. {@code row} holds its figures (null: no calls in the rollups yet); {@code
   * firstSeen}/{@code lastSeen} may be null for the same reason.
   */
  public static PromptVersionResponse version(
      String fingerprint,
      String version,
      String name,
      Instant firstSeen,
      Instant lastSeen,
      MetricsRowResponse row,
      List<ScoreAggregate> scores) {
    return new PromptVersionResponse(
        emptyToNull(fingerprint),
        emptyToNull(version),
        name,
        firstSeen,
        lastSeen,
        row == null ? 0 : row.calls(),
        row == null ? 0 : row.errors(),
        row == null ? 0 : row.errorRate(),
        row == null ? null : row.tokens(),
        row == null ? null : row.cost(),
        row == null ? null : row.latencyMs(),
        row == null ? null : row.outputTokensPerCall(),
        scores.stream()
            .map(
                s ->
                    new PromptScoreResponse(
                        s.name(), s.dataType().apiName(), s.scored(), s.average(), s.labels()))
            .toList());
  }

  public static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
