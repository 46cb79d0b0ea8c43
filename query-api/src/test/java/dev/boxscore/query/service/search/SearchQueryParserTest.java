package dev.boxscore.query.service.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.boxscore.storage.search.FieldMatch;
import dev.boxscore.storage.search.FilterField;
import dev.boxscore.storage.search.Measure;
import dev.boxscore.storage.search.Relation;
import dev.boxscore.storage.search.TextMatch;
import dev.boxscore.storage.search.Threshold;
import dev.boxscore.storage.search.TraceFilter;
import java.util.List;
import org.junit.jupiter.api.Test;

class SearchQueryParserTest {

  @Test
  void keysValuesNegationAndTextMakeOneFilter() {
    TraceFilter f =
        SearchQueryParser.parse(
            "model:gpt-4o model:\"my model\" -service:web status:error latency:>2s ttft:<=500ms"
                + " cost:>$0.01 tokens:>=1000 attr.http.route:/x refund \"money back\" -spam");
    assertThat(f.fields())
        .containsExactly(
            new FieldMatch(FilterField.MODEL, null, List.of("gpt-4o", "my model"), false),
            new FieldMatch(FilterField.SERVICE, null, List.of("web"), true),
            new FieldMatch(FilterField.ATTRIBUTE, "http.route", List.of("/x"), false));
    assertThat(f.errors()).isTrue();
    assertThat(f.thresholds())
        .containsExactly(
            new Threshold(Measure.LATENCY_MS, Relation.GREATER, 2000),
            new Threshold(Measure.TTFT_MS, Relation.LESS_OR_EQUAL, 500),
            new Threshold(Measure.COST_USD, Relation.GREATER, 0.01),
            new Threshold(Measure.TOKENS, Relation.GREATER_OR_EQUAL, 1000));
    assertThat(f.texts())
        .containsExactly(
            new TextMatch("refund", false),
            new TextMatch("money back", false),
            new TextMatch("spam", true));
  }

  @Test
  void negatedComparisonsAndStatusTurnAround() {
    TraceFilter f = SearchQueryParser.parse("-latency:>1m -status:error");
    assertThat(f.thresholds())
        .containsExactly(new Threshold(Measure.LATENCY_MS, Relation.LESS_OR_EQUAL, 60_000));
    assertThat(f.errors()).isFalse();
    assertThat(SearchQueryParser.parse("  ")).isEqualTo(TraceFilter.NONE);
    assertThat(SearchQueryParser.parse("latency:1500").thresholds())
        .containsExactly(new Threshold(Measure.LATENCY_MS, Relation.EQUAL, 1500));
    assertThat(SearchQueryParser.parse("user:\"a \\\"b\\\"\"").fields().get(0).values())
        .containsExactly("a \"b\"");
  }

  @Test
  void malformedQueriesNameTheirPosition() {
    assertError("model:", 7, "expected a value after 'model:'");
    assertError("user:x model: y", 14, "expected a value after 'model:'");
    assertError("colour:red", 1, "unknown key 'colour'");
    assertError("a -colour:red", 4, "unknown key 'colour'");
    assertError("latency:>fast", 10, "latency needs a comparison");
    assertError("cost:>-1", 7, "cost needs a comparison");
    assertError("status:maybe", 8, "status is error or ok");
    assertError("\"open", 1, "the quote opened here is not closed");
    assertError("\"a\"b", 4, "expected a space after the closing quote");
    assertError("status:error status:ok", 14, "contradicts the status at position 1");
    assertError("x".repeat(2001), 2001, "longer than 2000 characters");
  }

  private static void assertError(String query, int position, String message) {
    assertThatThrownBy(() -> SearchQueryParser.parse(query))
        .isInstanceOf(InvalidSearchException.class)
        .hasMessageStartingWith("position " + position + ": " + message)
        .satisfies(e -> assertThat(((InvalidSearchException) e).position()).isEqualTo(position));
  }
}
