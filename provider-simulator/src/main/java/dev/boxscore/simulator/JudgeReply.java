package dev.boxscore.simulator;

import java.util.List;
import java.util.Locale;

/**
 * The judge model: a request for a model named {@code sim-judge} (or {@code sim-judge-…}) answers
 * {@code {"score": x, "explanation": "simulated judgement"}}, x = (FNV-1a of the prompt's message
 * texts mod 101) / 100, a number in [0, 1] with two decimals: the same prompt always gets the same
 * score, so a judged call's score is known in advance. The reply is 5 words (5 output tokens);
 * input tokens are counted as for any reply; tools and caps are ignored.
 */
final class JudgeReply {
  static final String MODEL = "sim-judge";

  private JudgeReply() {}

  static boolean isJudge(String model) {
    return model.equals(MODEL) || model.startsWith(MODEL + "-");
  }

  /** The score of a prompt whose message texts are {@code texts}. */
  static double score(List<String> texts) {
    long hash = TextGenerator.seed(String.join("\n", texts));
    return Long.remainderUnsigned(hash, 101) / 100.0;
  }

  /** The reply's words; joined with spaces they are the JSON answer. */
  static List<String> words(List<String> texts) {
    return List.of(
        "{\"score\":",
        String.format(Locale.ROOT, "%.2f,", score(texts)),
        "\"explanation\":",
        "\"simulated",
        "judgement\"}");
  }
}
