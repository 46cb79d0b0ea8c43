package dev.boxscore.storage.search;

/** A span property a trace search matches by value: a trace matches when one of its spans does. */
public enum FilterField {
  SERVICE,
  /** The requested or the answering model of an LLM call. */
  MODEL,
  PROVIDER,
  USER,
  SESSION,
  /** A prompt version or a prompt fingerprint. */
  PROMPT,
  /** A span (or resource) attribute, named by the match's key. */
  ATTRIBUTE
}
