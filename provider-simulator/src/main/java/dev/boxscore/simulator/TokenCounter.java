package dev.boxscore.simulator;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The simulator's deterministic stand-in for a tokenizer: a token is a run of letters and digits,
 * or any single other non-space character. "Hello, world!" is 4 tokens. A request's input tokens
 * are the tokens of every message text plus {@value #PER_MESSAGE} per message (system prompt and
 * tool definitions count as one message each) plus {@value #PER_MESSAGE} for priming the reply, as
 * OpenAI's chat format roughly does.
 */
final class TokenCounter {
  static final int PER_MESSAGE = 3;
  private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}]+|[^\\p{L}\\p{N}\\s]");

  private TokenCounter() {}

  static int count(String text) {
    if (text == null || text.isEmpty()) {
      return 0;
    }
    Matcher matcher = TOKEN.matcher(text);
    int tokens = 0;
    while (matcher.find()) {
      tokens++;
    }
    return tokens;
  }
}
