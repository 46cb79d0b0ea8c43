package dev.boxscore.otel.ext.langchain4j;

import dev.langchain4j.model.openai.OpenAiTokenUsage;

/**
 * Cache-read and reasoning token counts of langchain4j-open-ai's {@code OpenAiTokenUsage}, read
 * with plain calls: the common case, and the reflective lookup of {@link UsageDetails} cost as much
 * as starting the span. Touched only after {@link UsageDetails} saw that class by name; any linkage
 * problem (another langchain4j-open-ai, a class loader that does not see it) sends it back to
 * reflection.
 */
final class OpenAiUsage {
  static final String CLASS_NAME = "dev.langchain4j.model.openai.OpenAiTokenUsage";

  private OpenAiUsage() {}

  static Integer cachedInputTokens(Object usage) {
    OpenAiTokenUsage.InputTokensDetails details = ((OpenAiTokenUsage) usage).inputTokensDetails();
    return details == null ? null : details.cachedTokens();
  }

  static Integer reasoningOutputTokens(Object usage) {
    OpenAiTokenUsage.OutputTokensDetails details = ((OpenAiTokenUsage) usage).outputTokensDetails();
    return details == null ? null : details.reasoningTokens();
  }
}
