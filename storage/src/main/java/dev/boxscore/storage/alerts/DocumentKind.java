package dev.boxscore.storage.alerts;

import java.util.Locale;

/** The kinds of alerting configuration a project keeps. */
public enum DocumentKind {
  RULE,
  CHANNEL,
  SILENCE;

  public String column() {
    return name().toLowerCase(Locale.ROOT);
  }
}
