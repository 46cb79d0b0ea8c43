package dev.boxscore.storage.search;

import java.util.Objects;

/**
 * Full-text search: a span of the trace contains the phrase (case-insensitively) in its name,
 * captured input or output or an attribute value; negated, no span does.
 */
public record TextMatch(String phrase, boolean negated) {
  public TextMatch {
    Objects.requireNonNull(phrase, "phrase");
    if (phrase.isBlank()) {
      throw new IllegalArgumentException("a text match needs a phrase");
    }
  }
}
