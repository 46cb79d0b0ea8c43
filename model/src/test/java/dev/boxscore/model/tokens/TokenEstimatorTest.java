package dev.boxscore.model.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.EncodingType;
import dev.boxscore.model.LlmCall;
import dev.boxscore.model.TokenUsage;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TokenEstimatorTest {
  private final TokenEstimator estimator = new TokenEstimator();

  private static LlmCall call(String model, TokenUsage usage, String input, String output) {
    return new LlmCall(
        "openai", "chat", model, null, usage, null, List.of(), null, null, null, null, null, null,
        input, output, Set.of());
  }

  @Test
  void countsTextPartsWithTheFamilysTokenizerPlusMessageOverhead() {
    var o200k = Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
    String question = "What is the capital of France? Answer in one word.";
    String answer = "Paris.";
    String in =
        "[{\"role\":\"system\",\"parts\":[{\"type\":\"text\",\"content\":\"Be brief.\"}]},"
            + "{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\""
            + question
            + "\"}]}]";
    String out =
        "[{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":\"" + answer + "\"}]}]";
    TokenUsage usage =
        estimator.estimate(call("gpt-4o-mini", TokenUsage.unreported(), in, out)).orElseThrow();
    assertThat(usage.reported()).isFalse();
    assertThat(usage.inputTokens())
        .isEqualTo(o200k.countTokens("Be brief.") + o200k.countTokens(question) + 3 + 3 + 3);
    assertThat(usage.outputTokens()).isEqualTo(o200k.countTokens(answer));
  }

  @Test
  void nothingToEstimateWhenUsageWasReportedOrNoContentCaptured() {
    assertThat(estimator.estimate(call("gpt-4o", TokenUsage.of(5, 5), "[]", "[]"))).isEmpty();
    assertThat(estimator.estimate(call("gpt-4o", TokenUsage.unreported(), null, null))).isEmpty();
  }

  @Test
  void picksTheTokenizerByFamily() {
    assertThat(estimator.encodingFor("gpt-4o-2024-08-06").getName()).isEqualTo("o200k_base");
    assertThat(estimator.encodingFor("o3-mini").getName()).isEqualTo("o200k_base");
    assertThat(estimator.encodingFor("gpt-4-turbo").getName()).isEqualTo("cl100k_base");
    assertThat(estimator.encodingFor("claude-sonnet-4-5").getName()).isEqualTo("cl100k_base");
  }
}
