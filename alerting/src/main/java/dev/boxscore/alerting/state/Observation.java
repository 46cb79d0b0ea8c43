package dev.boxscore.alerting.state;

import java.util.Map;

/**
 * One evaluation's finding for one alert instance, with the figures that explain it.
 *
 * @param value the metric's value (null when there is none)
 * @param values every figure a notification shows, as text (value, threshold, window, ...)
 * @param error what failed, for {@link Outcome#ERROR}
 */
public record Observation(Outcome outcome, Double value, Map<String, String> values, String error) {
  public Observation {
    values = values == null ? Map.of() : Map.copyOf(values);
  }

  public static Observation of(boolean holds, Double value, Map<String, String> values) {
    return new Observation(holds ? Outcome.TRUE : Outcome.FALSE, value, values, null);
  }

  public static Observation noData(Map<String, String> values) {
    return new Observation(Outcome.NO_DATA, null, values, null);
  }

  public static Observation error(String error) {
    return new Observation(Outcome.ERROR, null, Map.of(), error);
  }
}
