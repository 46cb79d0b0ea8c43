package dev.boxscore.alerting.silence;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One of a silence's label matchers, as in Alertmanager: {@code name=value}, {@code !=}, {@code =~}
 * and {@code !~}. A regex must match the whole value, as Alertmanager anchors it.
 *
 * <p>A class with a record's accessors rather than a record: a record cannot keep the compiled
 * pattern without making it a component (and its identity part of equality).
 */
public final class Matcher {
  static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

  private final String name;
  private final String value;
  private final boolean isRegex;
  private final boolean isEqual;
  private final Pattern pattern;

  /**
   * @throws IllegalArgumentException if the name is not a label name or the regex does not compile
   *     ({@link java.util.regex.PatternSyntaxException})
   */
  public Matcher(String name, String value, boolean isRegex, boolean isEqual) {
    this.name = Objects.requireNonNull(name, "name");
    this.value = Objects.requireNonNull(value, "value");
    this.isRegex = isRegex;
    this.isEqual = isEqual;
    if (!LABEL_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("not a label name: " + name);
    }
    // Compiled once here; matches() below anchors it at both ends.
    this.pattern = isRegex ? Pattern.compile(value) : null;
  }

  public String name() {
    return name;
  }

  public String value() {
    return value;
  }

  public boolean isRegex() {
    return isRegex;
  }

  public boolean isEqual() {
    return isEqual;
  }

  /** Whether a label value matches; a missing label is the empty string. */
  public boolean matches(String labelValue) {
    String v = labelValue == null ? "" : labelValue;
    boolean hit = isRegex ? pattern.matcher(v).matches() : value.equals(v);
    return hit == isEqual;
  }

  /** Whether a label set matches; a missing label is the empty string, as in Alertmanager. */
  public boolean matches(Map<String, String> labels) {
    return matches(labels.get(name));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Matcher m
        && name.equals(m.name)
        && value.equals(m.value)
        && isRegex == m.isRegex
        && isEqual == m.isEqual;
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, value, isRegex, isEqual);
  }

  /** Alertmanager's notation: {@code team=~"pay.*"}. */
  @Override
  public String toString() {
    String op = isEqual ? (isRegex ? "=~" : "=") : (isRegex ? "!~" : "!=");
    return name + op + '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }
}
