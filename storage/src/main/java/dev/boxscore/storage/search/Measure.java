package dev.boxscore.storage.search;

/** A figure of a trace a search compares with a number. */
public enum Measure {
  /** The trace's duration, in milliseconds. */
  LATENCY_MS,
  /** The time to first token of one of its LLM calls, in milliseconds. */
  TTFT_MS,
  /** Its LLM calls' cost at the project's prices, in USD. */
  COST_USD,
  /** Its LLM calls' input plus output tokens. */
  TOKENS
}
