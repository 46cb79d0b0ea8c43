package dev.boxscore.query.service.judge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boxscore.storage.scores.ScoreDataType;
import java.util.List;
import org.junit.jupiter.api.Test;

class JudgeVerdictsTest {
  private static final List<String> NONE = List.of();

  @Test
  void jsonFirstThenTheTextAndNothingUnreadable() {
    assertThat(
            JudgeVerdicts.read(
                "{\"score\": 0.8, \"explanation\": \"good\"}", ScoreDataType.NUMERIC, NONE))
        .contains(new Verdict(0.8, "", "good"));
    assertThat(
            JudgeVerdicts.read(
                "Here you go:\n```json\n{\"score\": \"4\", \"explanation\": \"ok\"}\n```",
                ScoreDataType.NUMERIC,
                NONE))
        .contains(new Verdict(4.0, "", "ok"));
    assertThat(JudgeVerdicts.read("I would say 7 out of 10.", ScoreDataType.NUMERIC, NONE))
        .contains(new Verdict(7.0, "", ""));
    assertThat(JudgeVerdicts.read("{\"score\": true}", ScoreDataType.BOOLEAN, NONE))
        .contains(new Verdict(1.0, "true", ""));
    assertThat(JudgeVerdicts.read("Verdict: FAIL, it is rude", ScoreDataType.BOOLEAN, NONE))
        .contains(new Verdict(0.0, "false", ""));
    List<String> tone = List.of("polite", "rude");
    assertThat(JudgeVerdicts.read("{\"score\": \"Rude\"}", ScoreDataType.CATEGORICAL, tone))
        .contains(new Verdict(null, "rude", ""));
    assertThat(JudgeVerdicts.read("Mostly polite, not rude.", ScoreDataType.CATEGORICAL, tone))
        .contains(new Verdict(null, "polite", ""));

    assertThat(JudgeVerdicts.read("I cannot judge this.", ScoreDataType.NUMERIC, NONE)).isEmpty();
    assertThat(JudgeVerdicts.read("{\"score\": \"great\"}", ScoreDataType.NUMERIC, NONE)).isEmpty();
    assertThat(JudgeVerdicts.read("{\"score\": 0.5}", ScoreDataType.BOOLEAN, NONE)).isEmpty();
    assertThat(JudgeVerdicts.read("{\"score\": \"angry\"}", ScoreDataType.CATEGORICAL, tone))
        .isEmpty();
    assertThat(JudgeVerdicts.read("", ScoreDataType.NUMERIC, NONE)).isEmpty();
  }
}
