package dev.boxscore.auth;

/** What an API key may do. */
public enum Scope {
  /** Send spans to the collector. */
  INGEST,
  /** Read traces and analytics. */
  READ,
  /** Everything, including managing the project. */
  ADMIN
}
