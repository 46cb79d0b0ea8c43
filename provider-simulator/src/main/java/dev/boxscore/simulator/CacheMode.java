package dev.boxscore.simulator;

/** How a request's cacheable prompt prefix is reported in usage. */
enum CacheMode {
  /**
   * Default. OpenAI: prompts of at least {@code cacheMinTokens} tokens report the largest multiple
   * of 128 not above the input as cached ({@code prompt_tokens_details.cached_tokens}). Anthropic:
   * the prefix up to the last block marked {@code cache_control} is reported as {@code
   * cache_read_input_tokens}.
   */
  AUTO,
  /** Nothing cached. */
  MISS,
  /**
   * Anthropic only: the cacheable prefix is reported as {@code cache_creation_input_tokens} (a
   * cache write).
   */
  WRITE;

  static CacheMode parse(String value) {
    return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "auto", "read", "hit" -> AUTO;
      case "miss", "none", "off" -> MISS;
      case "write", "create" -> WRITE;
      default ->
          throw new IllegalArgumentException(
              "unknown cache mode '" + value + "': use auto, miss or write");
    };
  }
}
