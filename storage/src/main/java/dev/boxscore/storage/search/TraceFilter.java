package dev.boxscore.storage.search;

import java.util.List;

/**
 * What a trace must have to be listed: every part must hold (AND).
 *
 * @param errors true: only traces with an error span; false: only traces without; null: either
 * @param prices how to price calls for {@link Measure#COST_USD} thresholds; empty otherwise
 */
public record TraceFilter(
    List<FieldMatch> fields,
    List<Threshold> thresholds,
    List<TextMatch> texts,
    Boolean errors,
    List<UnitPrice> prices) {

  public static final TraceFilter NONE =
      new TraceFilter(List.of(), List.of(), List.of(), null, List.of());

  public TraceFilter {
    fields = List.copyOf(fields);
    thresholds = List.copyOf(thresholds);
    texts = List.copyOf(texts);
    prices = List.copyOf(prices);
  }

  public boolean isEmpty() {
    return fields.isEmpty() && thresholds.isEmpty() && texts.isEmpty() && errors == null;
  }

  public boolean comparesCost() {
    return thresholds.stream().anyMatch(t -> t.measure() == Measure.COST_USD);
  }

  /** This filter pricing calls with the given prices. */
  public TraceFilter withPrices(List<UnitPrice> unitPrices) {
    return new TraceFilter(fields, thresholds, texts, errors, unitPrices);
  }
}
