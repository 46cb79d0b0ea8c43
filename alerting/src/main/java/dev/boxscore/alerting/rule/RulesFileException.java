package dev.boxscore.alerting.rule;

import java.nio.file.Path;

/**
 * A rules file that cannot be loaded; the message says where: {@code rules.yaml:
 * groups[0].rules[2].threshold: required for threshold rules}, or the line and column of a YAML
 * syntax error.
 */
public class RulesFileException extends RuntimeException {
  private final transient Path file;

  RulesFileException(Path file, String where, String problem, Throwable cause) {
    super(file + ": " + (where.isEmpty() ? "" : where + ": ") + problem, cause);
    this.file = file;
  }

  public Path file() {
    return file;
  }
}
