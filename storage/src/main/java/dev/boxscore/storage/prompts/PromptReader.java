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
   * The name and template captured on the calls of the hours of [from, to) per (fingerprint,
   * version), each from the latest call that carried it; only {@code fingerprint}'s when not null.
   * Extracted when the calls were stored, under each dialect's keys (migration 0088).
   */
  List<PromptTemplate> templates(Instant from, Instant to, String fingerprint);
}
