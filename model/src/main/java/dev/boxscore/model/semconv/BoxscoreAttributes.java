package dev.boxscore.model.semconv;

/** Boxscore's own span attribute keys, emitted by the Boxscore agent extension. */
public final class BoxscoreAttributes {

  /**
   * Stable hash of the prompt template (not of the filled-in prompt), so versions can be compared.
   */
  public static final String PROMPT_FINGERPRINT = "boxscore.prompt.fingerprint";

  /** Version label of the prompt template, as the application names it. */
  public static final String PROMPT_VERSION = "boxscore.prompt.version";

  private BoxscoreAttributes() {}
}
