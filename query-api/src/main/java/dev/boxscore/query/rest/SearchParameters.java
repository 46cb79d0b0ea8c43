package dev.boxscore.query.rest;

import dev.boxscore.query.service.search.InvalidSearchException;
import dev.boxscore.query.service.search.SearchQueryParser;
import dev.boxscore.storage.search.FieldMatch;
import dev.boxscore.storage.search.FilterField;
import dev.boxscore.storage.search.TraceFilter;
import java.util.ArrayList;
import java.util.List;

/** The search query parameter {@code q}, with the older {@code service=} and {@code model=}. */
final class SearchParameters {
  private SearchParameters() {}

  /** The filter of {@code q}, plus the service and model given as their own parameters. */
  static TraceFilter filter(String q, String service, String model) {
    TraceFilter parsed;
    try {
      parsed = SearchQueryParser.parse(q);
    } catch (InvalidSearchException e) {
      throw new BadParameterException("q", e.getMessage());
    }
    if (service == null && model == null) {
      return parsed;
    }
    List<FieldMatch> fields = new ArrayList<>(parsed.fields());
    if (service != null) {
      fields.add(new FieldMatch(FilterField.SERVICE, null, List.of(service), false));
    }
    if (model != null) {
      fields.add(new FieldMatch(FilterField.MODEL, null, List.of(model), false));
    }
    return new TraceFilter(
        fields, parsed.thresholds(), parsed.texts(), parsed.errors(), parsed.prices());
  }
}
