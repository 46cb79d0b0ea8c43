package dev.boxscore.simulator;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Deterministic reply text: words drawn from a fixed vocabulary by a random generator seeded with
 * the FNV-1a hash of the request model and prompt. One generated word is one output token.
 */
final class TextGenerator {
  private static final String[] VOCABULARY = {
    "thanks",
    "for",
    "reaching",
    "out",
    "your",
    "order",
    "account",
    "refund",
    "has",
    "been",
    "processed",
    "please",
    "check",
    "the",
    "status",
    "page",
    "we",
    "can",
    "help",
    "with",
    "that",
    "shipping",
    "usually",
    "takes",
    "three",
    "business",
    "days",
    "invoice",
    "password",
    "reset",
    "link",
    "sent",
    "email",
    "support",
    "team",
    "will",
    "follow",
    "up",
    "soon",
    "plan",
    "upgrade",
    "billing",
    "cycle",
    "starts",
    "today",
    "is",
    "there",
    "anything",
    "else",
    "i",
    "should",
    "know",
    "about",
    "a",
    "and",
    "to",
    "it",
    "our",
    "policy",
    "allows",
    "returns",
    "within",
    "thirty",
    "tracking"
  };

  private TextGenerator() {}

  /** {@code count} words for this seed, first letter upper-cased; each element is one token. */
  static List<String> words(long seed, int count) {
    SplittableRandom random = new SplittableRandom(seed);
    List<String> words = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String word = VOCABULARY[random.nextInt(VOCABULARY.length)];
      words.add(i == 0 ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : word);
    }
    return words;
  }

  /**
   * Stream pieces: every word but the first carries its leading space, so the pieces concatenate to
   * the text.
   */
  static List<String> pieces(List<String> words) {
    List<String> pieces = new ArrayList<>(words.size());
    for (int i = 0; i < words.size(); i++) {
      pieces.add(i == 0 ? words.get(i) : " " + words.get(i));
    }
    return pieces;
  }

  static String join(List<String> words) {
    return String.join(" ", words);
  }

  /** 64-bit FNV-1a over UTF-8: stable across JVMs, unlike String.hashCode's narrow range. */
  static long seed(String... parts) {
    long hash = 0xcbf29ce484222325L;
    for (String part : parts) {
      for (byte b : (part == null ? "" : part).getBytes(StandardCharsets.UTF_8)) {
        hash ^= b & 0xff;
        hash *= 0x100000001b3L;
      }
      hash ^= 0xff;
      hash *= 0x100000001b3L;
    }
    return hash;
  }
}
