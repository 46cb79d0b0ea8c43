package dev.boxscore.alerting.rule;

/**
 * Which calls a rule is about; a null field means any. {@code model} matches the request or the
 * response model.
 */
public record RuleFilter(String service, String model, String provider, String promptVersion) {
  public static final RuleFilter ANY = new RuleFilter(null, null, null, null);
}
