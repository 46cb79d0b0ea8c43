package dev.boxscore.query.service.judge;

import dev.boxscore.storage.evaluators.JudgeCandidate;

/**
 * An evaluator's template with the judged call's values: {@code {{input}}} and {@code {{output}}}
 * its messages as stored (JSON; "" when content was not captured), {@code {{model}}} the model that
 * answered (else the one asked for). Replaced in one pass, so a call's text that contains a
 * variable's name is not replaced again.
 */
final class JudgePrompt {
  static final String INPUT = "{{input}}";
  static final String OUTPUT = "{{output}}";
  static final String MODEL = "{{model}}";

  private JudgePrompt() {}

  static String render(String template, JudgeCandidate call) {
    String model = call.responseModel().isEmpty() ? call.requestModel() : call.responseModel();
    StringBuilder out = new StringBuilder(template.length() + 256);
    int i = 0;
    while (i < template.length()) {
      if (template.startsWith(INPUT, i)) {
        out.append(call.input());
        i += INPUT.length();
      } else if (template.startsWith(OUTPUT, i)) {
        out.append(call.output());
        i += OUTPUT.length();
      } else if (template.startsWith(MODEL, i)) {
        out.append(model);
        i += MODEL.length();
      } else {
        out.append(template.charAt(i++));
      }
    }
    return out.toString();
  }
}
