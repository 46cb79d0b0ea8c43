package dev.boxscore.query.service.search;

import dev.boxscore.storage.search.FieldMatch;
import dev.boxscore.storage.search.FilterField;
import dev.boxscore.storage.search.Measure;
import dev.boxscore.storage.search.Relation;
import dev.boxscore.storage.search.TextMatch;
import dev.boxscore.storage.search.Threshold;
import dev.boxscore.storage.search.TraceFilter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The trace search grammar (the UI's filter bar and the API's {@code q=}): terms separated by
 * spaces, all of which must hold.
 *
 * <ul>
 *   <li>{@code key:value} with the keys of {@link #KEYS}, {@code attr.NAME:value} for any
 *       attribute; the same key twice means either value ({@code model:a model:b});
 *   <li>{@code latency:>2s}, {@code ttft:<=500ms}, {@code cost:>0.01}, {@code tokens:>=1000}:
 *       comparisons ({@code > >= < <= =}; durations in ms, s or m, ms when bare);
 *   <li>{@code status:error} / {@code status:ok};
 *   <li>any other word, or a "quoted phrase", is searched for in the spans' text;
 *   <li>a leading {@code -} negates a term; values with spaces are quoted ({@code model:"my
 *       model"}, {@code \"} inside).
 * </ul>
 */
public final class SearchQueryParser {
  /** The keys the grammar knows, as the search bar completes them. */
  public static final List<String> KEYS =
      List.of(
          "service",
          "model",
          "provider",
          "status",
          "latency",
          "ttft",
          "cost",
          "tokens",
          "user",
          "session",
          "prompt",
          "attr.");

  /** The longest query accepted. */
  public static final int MAX_LENGTH = 2000;

  private static final Map<String, FilterField> FIELDS =
      Map.of(
          "service", FilterField.SERVICE,
          "model", FilterField.MODEL,
          "provider", FilterField.PROVIDER,
          "user", FilterField.USER,
          "session", FilterField.SESSION,
          "prompt", FilterField.PROMPT);

  private static final Map<String, Measure> MEASURES =
      Map.of(
          "latency", Measure.LATENCY_MS,
          "ttft", Measure.TTFT_MS,
          "cost", Measure.COST_USD,
          "tokens", Measure.TOKENS);

  private final String text;
  private int at;

  private SearchQueryParser(String text) {
    this.text = text;
  }

  /** The filter the query describes; {@link TraceFilter#NONE} for a blank one. */
  public static TraceFilter parse(String query) {
    if (query == null || query.isBlank()) {
      return TraceFilter.NONE;
    }
    if (query.length() > MAX_LENGTH) {
      throw new InvalidSearchException(MAX_LENGTH + 1, "longer than " + MAX_LENGTH + " characters");
    }
    return new SearchQueryParser(query).filter();
  }

  private record FieldKey(FilterField field, String key, boolean negated) {}

  private TraceFilter filter() {
    Map<FieldKey, List<String>> fields = new LinkedHashMap<>();
    List<Threshold> thresholds = new ArrayList<>();
    List<TextMatch> texts = new ArrayList<>();
    Boolean errors = null;
    int errorsAt = 0;
    while (true) {
      skipSpaces();
      if (at >= text.length()) {
        break;
      }
      int start = at;
      boolean negated = false;
      if (text.charAt(at) == '-'
          && at + 1 < text.length()
          && !Character.isWhitespace(text.charAt(at + 1))) {
        negated = true;
        at++;
      }
      if (text.charAt(at) == '"') {
        texts.add(new TextMatch(phrase(quoted()), negated));
        continue;
      }
      int wordStart = at;
      String key = keyBeforeColon();
      if (key == null) {
        String word = bare();
        texts.add(new TextMatch(word, negated));
        continue;
      }
      String lower = key.toLowerCase(Locale.ROOT);
      int valueAt = at + 2;
      at++; // the colon
      if (at >= text.length() || Character.isWhitespace(text.charAt(at))) {
        throw new InvalidSearchException(valueAt, "expected a value after '" + key + ":'");
      }
      String value = text.charAt(at) == '"' ? quoted() : bare();
      if (value.isEmpty()) {
        throw new InvalidSearchException(valueAt, "expected a value after '" + key + ":'");
      }
      if (FIELDS.containsKey(lower)) {
        fields
            .computeIfAbsent(new FieldKey(FIELDS.get(lower), null, negated), k -> new ArrayList<>())
            .add(value);
      } else if (lower.startsWith("attr.") && lower.length() > 5) {
        fields
            .computeIfAbsent(
                new FieldKey(FilterField.ATTRIBUTE, key.substring(5), negated),
                k -> new ArrayList<>())
            .add(value);
      } else if (MEASURES.containsKey(lower)) {
        Threshold t = threshold(MEASURES.get(lower), value, valueAt, lower);
        if (negated) {
          t = new Threshold(t.measure(), opposite(t.relation(), valueAt), t.value());
        }
        thresholds.add(t);
      } else if (lower.equals("status")) {
        boolean error =
            switch (value.toLowerCase(Locale.ROOT)) {
              case "error" -> true;
              case "ok", "unset" -> false;
              default ->
                  throw new InvalidSearchException(
                      valueAt, "status is error or ok, got '" + value + "'");
            };
        boolean wanted = error != negated;
        if (errors != null && errors != wanted) {
          throw new InvalidSearchException(
              wordStart + 1, "contradicts the status at position " + errorsAt);
        }
        errors = wanted;
        errorsAt = start + 1;
      } else {
        throw new InvalidSearchException(
            wordStart + 1,
            "unknown key '"
                + key
                + "' (keys: "
                + String.join(", ", KEYS)
                + "; quote text that contains ':')");
      }
    }
    List<FieldMatch> matches = new ArrayList<>();
    fields.forEach(
        (k, values) -> matches.add(new FieldMatch(k.field(), k.key(), values, k.negated())));
    return new TraceFilter(matches, thresholds, texts, errors, List.of());
  }

  private static Relation opposite(Relation r, int position) {
    return switch (r) {
      case GREATER -> Relation.LESS_OR_EQUAL;
      case GREATER_OR_EQUAL -> Relation.LESS;
      case LESS -> Relation.GREATER_OR_EQUAL;
      case LESS_OR_EQUAL -> Relation.GREATER;
      case EQUAL ->
          throw new InvalidSearchException(position, "a negated comparison needs >, >=, < or <=");
    };
  }

  private Threshold threshold(Measure measure, String value, int position, String key) {
    Relation relation = Relation.EQUAL;
    int i = 0;
    if (value.startsWith(">=")) {
      relation = Relation.GREATER_OR_EQUAL;
      i = 2;
    } else if (value.startsWith("<=")) {
      relation = Relation.LESS_OR_EQUAL;
      i = 2;
    } else if (value.startsWith(">")) {
      relation = Relation.GREATER;
      i = 1;
    } else if (value.startsWith("<")) {
      relation = Relation.LESS;
      i = 1;
    } else if (value.startsWith("=")) {
      i = 1;
    }
    String number = value.substring(i).toLowerCase(Locale.ROOT);
    double scale = 1;
    if (measure == Measure.LATENCY_MS || measure == Measure.TTFT_MS) {
      if (number.endsWith("ms")) {
        number = number.substring(0, number.length() - 2);
      } else if (number.endsWith("s")) {
        number = number.substring(0, number.length() - 1);
        scale = 1000;
      } else if (number.endsWith("m")) {
        number = number.substring(0, number.length() - 1);
        scale = 60_000;
      }
    } else if (measure == Measure.COST_USD && number.startsWith("$")) {
      number = number.substring(1);
    }
    try {
      BigDecimal parsed = new BigDecimal(number);
      if (parsed.signum() < 0) {
        throw new NumberFormatException();
      }
      return new Threshold(measure, relation, parsed.doubleValue() * scale);
    } catch (NumberFormatException e) {
      String example =
          switch (measure) {
            case LATENCY_MS -> ">2s or <=500ms";
            case TTFT_MS -> ">500ms";
            case COST_USD -> ">0.01";
            case TOKENS -> ">1000";
          };
      throw new InvalidSearchException(
          position + i,
          key
              + " needs a comparison with a non-negative number such as "
              + example
              + ", got '"
              + value
              + "'");
    }
  }

  /** The key if the current word is {@code key:…} (the colon unquoted, before any space). */
  private String keyBeforeColon() {
    int i = at;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c) || c == '"') {
        return null;
      }
      if (c == ':') {
        if (i == at) {
          return null;
        }
        String key = text.substring(at, i);
        at = i;
        return key;
      }
      i++;
    }
    return null;
  }

  private String bare() {
    int start = at;
    while (at < text.length() && !Character.isWhitespace(text.charAt(at))) {
      at++;
    }
    return text.substring(start, at);
  }

  private String quoted() {
    int open = at;
    at++;
    StringBuilder sb = new StringBuilder();
    while (at < text.length()) {
      char c = text.charAt(at);
      if (c == '\\'
          && at + 1 < text.length()
          && (text.charAt(at + 1) == '"' || text.charAt(at + 1) == '\\')) {
        sb.append(text.charAt(at + 1));
        at += 2;
        continue;
      }
      if (c == '"') {
        at++;
        if (at < text.length() && !Character.isWhitespace(text.charAt(at))) {
          throw new InvalidSearchException(at + 1, "expected a space after the closing quote");
        }
        return sb.toString();
      }
      sb.append(c);
      at++;
    }
    throw new InvalidSearchException(open + 1, "the quote opened here is not closed");
  }

  private String phrase(String value) {
    if (value.isBlank()) {
      throw new InvalidSearchException(at, "an empty quoted phrase");
    }
    return value;
  }

  private void skipSpaces() {
    while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
      at++;
    }
  }
}
