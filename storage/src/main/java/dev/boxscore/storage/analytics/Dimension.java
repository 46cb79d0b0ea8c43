package dev.boxscore.storage.analytics;

import java.util.Locale;
import java.util.Optional;

/**
 * What LLM-call aggregates can be grouped by; {@link #MODEL} is the response model, else the
 * request model.
 */
public enum Dimension {
  SERVICE,
  PROVIDER,
  MODEL,
  REQUEST_MODEL,
  RESPONSE_MODEL,
  PROMPT_FINGERPRINT,
  PROMPT_VERSION,
  /** The end user a call names (calls without one are left out when grouping by it). */
  USER,
  /** The conversation a call names (calls without one are left out when grouping by it). */
  SESSION,
  /**
   * Each model a call answers to: its request model, and its response model when that differs (a
   * call counts under both). A model filter matches exactly the calls of one such key, so grouping
   * by it answers many model-filtered questions at once (the alert evaluator's batches). Not
   * offered by the metrics API.
   */
  MODEL_KEY;

  /** The API name, e.g. {@code request_model}. */
  public String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Dimension> fromApiName(String name) {
    for (Dimension d : values()) {
      if (d.apiName().equals(name)) {
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }
}
