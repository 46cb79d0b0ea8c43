package dev.boxscore.model.pricing;

import dev.boxscore.model.TokenUsage;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * List price of one model family from a date on, in USD per 1,000,000 tokens.
 *
 * @param provider who charges this price, as a {@code gen_ai.provider.name} value (openai,
 *     anthropic, gcp.gemini, groq, aws.bedrock, ...)
 * @param modelPattern model family, e.g. {@code gpt-4o-mini}; it matches dated and prefixed ids of
 *     the family (see {@link PriceCatalog#find})
 * @param anyProvider true for the model maker's list price, which also applies when another
 *     provider (Azure, Bedrock, Vertex, a proxy) served the call; false for a host's own price
 *     (Llama on Groq), which applies only to that provider
 * @param inputPerMillion price of uncached input tokens
 * @param outputPerMillion price of output tokens (reasoning included unless {@code
 *     reasoningPerMillion} is set)
 * @param cacheReadPerMillion price of input tokens read from the prompt cache; null = the input
 *     price
 * @param cacheWritePerMillion price of input tokens written to the prompt cache; null = the input
 *     price
 * @param reasoningPerMillion price of reasoning tokens; null = billed as output (every current
 *     provider)
 * @param effectiveFrom first day (UTC) this price applies
 * @param source where the price comes from
 */
public record ModelPrice(
    String provider,
    String modelPattern,
    boolean anyProvider,
    BigDecimal inputPerMillion,
    BigDecimal outputPerMillion,
    BigDecimal cacheReadPerMillion,
    BigDecimal cacheWritePerMillion,
    BigDecimal reasoningPerMillion,
    LocalDate effectiveFrom,
    String source) {

  private static final BigDecimal ZERO = BigDecimal.ZERO;

  public ModelPrice {
    requireText(provider, "provider");
    requireText(modelPattern, "modelPattern");
    requirePrice(inputPerMillion, "inputPerMillion", false);
    requirePrice(outputPerMillion, "outputPerMillion", false);
    requirePrice(cacheReadPerMillion, "cacheReadPerMillion", true);
    requirePrice(cacheWritePerMillion, "cacheWritePerMillion", true);
    requirePrice(reasoningPerMillion, "reasoningPerMillion", true);
    Objects.requireNonNull(effectiveFrom, "effectiveFrom");
    source = source == null ? "" : source;
  }

  /**
   * Exact cost of the usage in USD, unrounded: {@code uncached input × input + cache reads ×
   * cacheRead + cache writes × cacheWrite + output × output}, where uncached input = input − cache
   * reads − cache writes (input includes both, see {@link TokenUsage}). Reasoning tokens are part
   * of output, so they are counted once: at the output price, or at {@code reasoningPerMillion}
   * when set (then only the non-reasoning output is billed at the output price).
   */
  public BigDecimal cost(TokenUsage usage) {
    Objects.requireNonNull(usage, "usage");
    BigDecimal cacheRead = cacheReadPerMillion != null ? cacheReadPerMillion : inputPerMillion;
    BigDecimal cacheWrite = cacheWritePerMillion != null ? cacheWritePerMillion : inputPerMillion;
    BigDecimal perMillion =
        times(usage.uncachedInputTokens(), inputPerMillion)
            .add(times(usage.cacheReadTokens(), cacheRead))
            .add(times(usage.cacheWriteTokens(), cacheWrite));
    if (reasoningPerMillion == null) {
      perMillion = perMillion.add(times(usage.outputTokens(), outputPerMillion));
    } else {
      perMillion =
          perMillion
              .add(times(usage.nonReasoningOutputTokens(), outputPerMillion))
              .add(
                  times(
                      Math.min(usage.reasoningTokens(), usage.outputTokens()),
                      reasoningPerMillion));
    }
    return perMillion.movePointLeft(6);
  }

  private static BigDecimal times(long tokens, BigDecimal price) {
    return tokens == 0 ? ZERO : BigDecimal.valueOf(tokens).multiply(price);
  }

  private static void requireText(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + " must not be blank");
    }
  }

  private static void requirePrice(BigDecimal value, String field, boolean optional) {
    if (value == null) {
      if (!optional) {
        throw new IllegalArgumentException(field + " is required");
      }
      return;
    }
    if (value.signum() < 0) {
      throw new IllegalArgumentException(field + " must be >= 0, was " + value);
    }
  }
}
