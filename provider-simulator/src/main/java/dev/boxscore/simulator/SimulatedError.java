package dev.boxscore.simulator;

/**
 * An error the simulator can inject instead of a completion. Each provider gets the status code and
 * error body it really uses for that condition.
 */
public enum SimulatedError {
  /**
   * 429 with {@code retry-after} headers: OpenAI {@code rate_limit_exceeded}, Anthropic {@code
   * rate_limit_error}.
   */
  RATE_LIMITED(429, 429),
  /** 500: OpenAI {@code server_error}, Anthropic {@code api_error}. */
  SERVER_ERROR(500, 500),
  /**
   * Provider overloaded: OpenAI answers 503 ({@code server_error}), Anthropic 529 ({@code
   * overloaded_error}).
   */
  OVERLOADED(503, 529);

  private final int openAiStatus;
  private final int anthropicStatus;

  SimulatedError(int openAiStatus, int anthropicStatus) {
    this.openAiStatus = openAiStatus;
    this.anthropicStatus = anthropicStatus;
  }

  int status(Provider provider) {
    return provider == Provider.ANTHROPIC ? anthropicStatus : openAiStatus;
  }

  /**
   * Parses a scenario or CLI value: a status code (429, 500, 503, 529) or a name (rate_limited,
   * server_error, overloaded), case-insensitive.
   */
  static SimulatedError parse(String value) {
    return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "429", "rate_limited", "rate-limited", "rate_limit" -> RATE_LIMITED;
      case "500", "server_error", "server-error" -> SERVER_ERROR;
      case "503", "529", "overloaded" -> OVERLOADED;
      default ->
          throw new IllegalArgumentException(
              "unknown error '"
                  + value
                  + "': use 429, 500, 503, 529, rate_limited, server_error or overloaded");
    };
  }
}
