package dev.boxscore.alerting.rule;

import java.util.Optional;

/** How a value is held against a threshold ({@code op} in the API). */
public enum Comparison {
  GT(">"),
  GTE(">="),
  LT("<"),
  LTE("<=");

  private final String symbol;

  Comparison(String symbol) {
    this.symbol = symbol;
  }

  public String symbol() {
    return symbol;
  }

  public boolean holds(double value, double threshold) {
    return switch (this) {
      case GT -> value > threshold;
      case GTE -> value >= threshold;
      case LT -> value < threshold;
      case LTE -> value <= threshold;
    };
  }

  public static Optional<Comparison> fromSymbol(String s) {
    for (Comparison c : values()) {
      if (c.symbol.equals(s)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }
}
