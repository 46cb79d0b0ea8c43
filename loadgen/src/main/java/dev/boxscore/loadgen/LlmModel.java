package dev.boxscore.loadgen;

import java.util.List;

/**
 * A model the generated LLM calls use: who serves it, the name asked for and the dated name that
 * answers. All but {@link #UNKNOWN} are in the built-in price catalog, so a run has priced and
 * unpriced calls as real traffic does.
 */
record LlmModel(String provider, String requestModel, String responseModel, boolean reasoning) {
  static final LlmModel UNKNOWN = new LlmModel("acme", "acme-llm-7b", "acme-llm-7b-0412", false);

  /** Weighted as traffic tends to be: small models carry most calls. */
  static final List<LlmModel> ALL =
      List.of(
          new LlmModel("openai", "gpt-4o-mini", "gpt-4o-mini-2024-07-18", false),
          new LlmModel("openai", "gpt-4o-mini", "gpt-4o-mini-2024-07-18", false),
          new LlmModel("openai", "gpt-4.1", "gpt-4.1-2025-04-14", false),
          new LlmModel("openai", "o4-mini", "o4-mini-2025-04-16", true),
          new LlmModel("anthropic", "claude-sonnet-4-5", "claude-sonnet-4-5-20250929", false),
          new LlmModel("anthropic", "claude-haiku-4-5", "claude-haiku-4-5-20251001", false),
          new LlmModel("gcp.gemini", "gemini-2.5-flash", "gemini-2.5-flash", false),
          UNKNOWN);
}
