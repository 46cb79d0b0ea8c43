package dev.boxscore.alerting.silence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.regex.PatternSyntaxException;
import org.junit.jupiter.api.Test;

/** Alertmanager's four matcher kinds, anchored regexes, missing labels as "". */
class MatcherTest {
  static final Map<String, String> LABELS = Map.of("alertname", "slow", "team", "payments");

  @Test
  void equalAndNotEqual() {
    assertThat(new Matcher("team", "payments", false, true).matches(LABELS)).isTrue();
    assertThat(new Matcher("team", "pay", false, true).matches(LABELS)).isFalse();
    assertThat(new Matcher("team", "payments", false, false).matches(LABELS)).isFalse();
    assertThat(new Matcher("team", "search", false, false).matches(LABELS)).isTrue();
  }

  @Test
  void regexesAreAnchoredAtBothEnds() {
    assertThat(new Matcher("team", "pay.*", true, true).matches(LABELS)).isTrue();
    assertThat(new Matcher("team", "pay", true, true).matches(LABELS)).isFalse();
    assertThat(new Matcher("team", "ments", true, true).matches(LABELS)).isFalse();
    assertThat(new Matcher("team", "search|payments", true, true).matches(LABELS)).isTrue();
    assertThat(new Matcher("team", "pay", true, false).matches(LABELS)).isTrue();
    assertThat(new Matcher("team", "pay.*", true, false).matches(LABELS)).isFalse();
  }

  @Test
  void aMissingLabelIsTheEmptyString() {
    assertThat(new Matcher("model", "", false, true).matches(LABELS)).isTrue();
    assertThat(new Matcher("model", "gpt-4o", false, false).matches(LABELS)).isTrue();
    assertThat(new Matcher("model", ".*", true, true).matches(LABELS)).isTrue();
    assertThat(new Matcher("model", ".+", true, true).matches(LABELS)).isFalse();
    assertThat(new Matcher("model", "gpt-4o", false, true).matches(LABELS)).isFalse();
  }

  @Test
  void rejectsBadNamesAndRegexes() {
    assertThatThrownBy(() -> new Matcher("team-x", "a", false, true))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Matcher("team", "(", true, true))
        .isInstanceOf(PatternSyntaxException.class);
    // not a regex: any text is a value
    assertThat(new Matcher("team", "(", false, true).value()).isEqualTo("(");
  }

  @Test
  void equalityIsByTheFourValues() {
    assertThat(new Matcher("a", "x.*", true, true))
        .isEqualTo(new Matcher("a", "x.*", true, true))
        .hasSameHashCodeAs(new Matcher("a", "x.*", true, true))
        .isNotEqualTo(new Matcher("a", "x.*", false, true))
        .isNotEqualTo(new Matcher("a", "x.*", true, false));
    assertThat(new Matcher("team", "pay\"s", true, false)).hasToString("team!~\"pay\\\"s\"");
    assertThat(new Matcher("team", "a", false, true)).hasToString("team=\"a\"");
  }
}
