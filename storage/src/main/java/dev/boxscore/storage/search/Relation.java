package dev.boxscore.storage.search;

/** How a figure compares with a threshold. */
public enum Relation {
  GREATER(">"),
  GREATER_OR_EQUAL(">="),
  LESS("<"),
  LESS_OR_EQUAL("<="),
  EQUAL("=");

  private final String sql;

  Relation(String sql) {
    this.sql = sql;
  }

  /** The SQL operator (a fixed token, never user text). */
  public String sql() {
    return sql;
  }
}
