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
  PROMPT_VERSION;

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
