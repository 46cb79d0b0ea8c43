package dev.boxscore.loadgen;

import java.util.SplittableRandom;

/**
 * Captured message content of a chosen size: words in GenAI-semconv message JSON ({@code
 * gen_ai.input.messages} / {@code gen_ai.output.messages}), so a run with content stresses the
 * content columns as real prompts would.
 */
final class ContentText {
  private static final String[] WORDS = {
    "the", "order", "refund", "customer", "please", "check", "account", "invoice", "shipping",
    "status", "delayed", "summary", "document", "policy", "answer", "question", "support", "ticket",
    "billing", "payment", "update", "address", "review", "code", "function", "error", "result",
    "search", "article", "context", "tokens", "model", "latency", "retry", "session", "user"
  };

  private ContentText() {}

  /** Message JSON of about {@code bytes} bytes (at least the JSON frame). */
  static String messages(SplittableRandom random, String role, int bytes) {
    String head = "[{\"role\":\"" + role + "\",\"parts\":[{\"type\":\"text\",\"content\":\"";
    String tail = "\"}]}]";
    StringBuilder out = new StringBuilder(Math.max(bytes, 0) + 16).append(head);
    int target = bytes - tail.length();
    while (out.length() < target) {
      out.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
    }
    if (out.length() > target && target > head.length()) {
      out.setLength(target);
    }
    return out.append(tail).toString();
  }
}
