package dev.boxscore.alerting.rule;

/**
 * A rule that cannot be stored as sent; the API answers 400 with the message, which starts with the
 * field so the form can mark it ({@code threshold: …}, {@code filter.model: …}, {@code groupBy[1]:
 * …}).
 */
public class InvalidRuleException extends RuntimeException {
  private final String field;
  private final String problem;

  public InvalidRuleException(String field, String problem) {
    super(field + ": " + problem);
    this.field = field;
    this.problem = problem;
  }

  /** The path of the offending field in the rule's JSON, e.g. {@code labels.team}. */
  public String field() {
    return field;
  }

  /** The message without the field. */
  public String problem() {
    return problem;
  }
}
