package dev.boxscore.model;

/**
 * Token counts of one LLM call, in the semantics of the current OpenTelemetry GenAI conventions,
 * whatever dialect the span used.
 *
 * <ul>
 *   <li>{@code inputTokens}: ALL input tokens, cache reads and cache writes included (so the
 *       uncached part is {@code inputTokens - cacheReadTokens - cacheWriteTokens}). Anthropic's API
 *       reports {@code input_tokens} without the cached part; GenAI, OpenInference and OpenLLMetry
 *       instrumentations add it back. When a span's input count is smaller than its cache reads
 *       plus writes it cannot be inclusive, so the normalizer adds the cached tokens to it. An
 *       exclusive count that happens to be larger than the cached part cannot be told apart and is
 *       taken as inclusive.
 *   <li>{@code outputTokens}: ALL output tokens, reasoning included (OpenAI {@code
 *       completion_tokens}, Anthropic {@code output_tokens} with thinking). If a span reports fewer
 *       output than reasoning tokens (Gemini's {@code candidatesTokenCount} excludes thoughts) the
 *       reasoning tokens are added.
 *   <li>{@code cacheReadTokens}, {@code cacheWriteTokens}: parts of {@code inputTokens}.
 *   <li>{@code reasoningTokens}: part of {@code outputTokens}.
 * </ul>
 *
 * All counts are non-negative and 0 when unknown; {@code reported} is false when the span carried
 * no usage at all (then every count is 0 and cost cannot be computed).
 */
public record TokenUsage(
    long inputTokens,
    long outputTokens,
    long cacheReadTokens,
    long cacheWriteTokens,
    long reasoningTokens,
    boolean reported) {

  private static final TokenUsage UNREPORTED = new TokenUsage(0, 0, 0, 0, 0, false);

  public TokenUsage {
    requireNonNegative(inputTokens, "inputTokens");
    requireNonNegative(outputTokens, "outputTokens");
    requireNonNegative(cacheReadTokens, "cacheReadTokens");
    requireNonNegative(cacheWriteTokens, "cacheWriteTokens");
    requireNonNegative(reasoningTokens, "reasoningTokens");
  }

  /** Usage that was reported, with no cache or reasoning breakdown. */
  public static TokenUsage of(long inputTokens, long outputTokens) {
    return new TokenUsage(inputTokens, outputTokens, 0, 0, 0, true);
  }

  /**
   * Usage that was reported with its full breakdown (see the class Javadoc for what each count
   * includes).
   */
  public static TokenUsage of(
      long inputTokens,
      long outputTokens,
      long cacheReadTokens,
      long cacheWriteTokens,
      long reasoningTokens) {
    return new TokenUsage(
        inputTokens, outputTokens, cacheReadTokens, cacheWriteTokens, reasoningTokens, true);
  }

  /** The span carried no token usage. */
  public static TokenUsage unreported() {
    return UNREPORTED;
  }

  /**
   * Input tokens billed at the plain input price: input minus cache reads and writes, never
   * negative.
   */
  public long uncachedInputTokens() {
    return Math.max(0, inputTokens - cacheReadTokens - cacheWriteTokens);
  }

  /** Output tokens that are not reasoning, never negative. */
  public long nonReasoningOutputTokens() {
    return Math.max(0, outputTokens - reasoningTokens);
  }

  /** Input plus output. */
  public long totalTokens() {
    return inputTokens + outputTokens;
  }

  private static void requireNonNegative(long value, String field) {
    if (value < 0) {
      throw new IllegalArgumentException(field + " must be >= 0, was " + value);
    }
  }
}
