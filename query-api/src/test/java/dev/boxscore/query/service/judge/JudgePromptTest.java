package dev.boxscore.query.service.judge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boxscore.storage.evaluators.JudgeCandidate;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class JudgePromptTest {
  @Test
  void variablesAreReplacedOnceWithTheCallsValues() {
    JudgeCandidate call =
        new JudgeCandidate(
            "t",
            "s",
            Instant.EPOCH,
            "svc",
            "openai",
            "gpt-4o",
            "gpt-4o-2024-08-06",
            "",
            "",
            "",
            "[\"Q {{output}}\"]",
            "[\"A\"]",
            Instant.EPOCH);
    assertThat(JudgePrompt.render("{{model}}: {{input}} -> {{output}} {{other}}", call))
        .isEqualTo("gpt-4o-2024-08-06: [\"Q {{output}}\"] -> [\"A\"] {{other}}");
  }
}
