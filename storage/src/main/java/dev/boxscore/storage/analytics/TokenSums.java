package dev.boxscore.storage.analytics;

/**
 * Sums of each token class, in the semantics of dev.boxscore.model.TokenUsage (input includes
 * cache).
 */
public record TokenSums(long input, long output, long cacheRead, long cacheWrite, long reasoning) {
  public static final TokenSums ZERO = new TokenSums(0, 0, 0, 0, 0);

  public TokenSums plus(TokenSums o) {
    return new TokenSums(
        input + o.input,
        output + o.output,
        cacheRead + o.cacheRead,
        cacheWrite + o.cacheWrite,
        reasoning + o.reasoning);
  }
}
