package dev.boxscore.loadgen;

import java.util.List;
import java.util.SplittableRandom;

/**
 * A run's id and the service names its traces come from. The names end in the run id, so the check
 * after the run counts this run's calls only, never an earlier run's.
 */
record RunNames(String runId, List<String> services) {
  static final List<String> BASE_SERVICES =
      List.of(
          "support-assistant", "search-api", "billing-agent", "doc-summarizer", "code-review-bot");

  static RunNames of(String runId) {
    if (runId == null || !runId.matches("[a-z0-9]{1,16}")) {
      throw new IllegalArgumentException(
          "run id: 1 to 16 lower-case letters or digits, got " + runId);
    }
    return new RunNames(runId, BASE_SERVICES.stream().map(s -> s + "-" + runId).toList());
  }

  /** A fresh run id: 8 base-36 characters. */
  static String randomId(SplittableRandom random) {
    StringBuilder id = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      id.append(Character.forDigit(random.nextInt(36), 36));
    }
    return id.toString();
  }
}
