package dev.boxscore.storage.search;

/** What the search bar can complete values of. */
public enum SuggestField {
  SERVICE,
  MODEL,
  PROVIDER,
  USER,
  SESSION,
  PROMPT,
  /** Attribute names. */
  ATTRIBUTE_KEY,
  /** Values of one attribute. */
  ATTRIBUTE_VALUE
}
