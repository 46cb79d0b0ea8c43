package dev.boxscore.storage.prompts;

import java.time.Instant;
import java.util.List;

/**
 * The prompt fingerprints and versions of ONE project's LLM calls. Figures (calls, cost, latency)
 * come from the analytics rollups grouped by prompt fingerprint and version; this reader adds what
 * they do not hold: when each version was seen and its captured name and template.
 */
public interface PromptReader {
  String projectId();

  /**
   * Each (fingerprint, version) of the calls that started in [from, to) (minute precision) and name
   * either; only {@code fingerprint}'s when not null. Ordered by fingerprint, then first seen.
   */
  List<PromptSeen> seen(Instant from, Instant to, String fingerprint);

  /**
   * The name and template captured on the calls of [from, to) per (fingerprint, version); only
   * {@code fingerprint}'s when not null. Read from the stored spans' attributes under the keys
   * given (the first a span has wins): storage does not know the dialects, the caller's semconv
   * does.
   */
  List<PromptTemplate> templates(
      Instant from,
      Instant to,
      String fingerprint,
      List<String> nameKeys,
      List<String> templateKeys);
}
