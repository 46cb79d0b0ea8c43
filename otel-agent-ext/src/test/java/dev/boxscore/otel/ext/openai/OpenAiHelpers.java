package dev.boxscore.otel.ext.openai;

import java.util.List;

/** Test access to the package-private helper list. */
public final class OpenAiHelpers {
  private OpenAiHelpers() {}

  public static List<String> declared() {
    return new OpenAiResponsesInstrumentationModule().getAdditionalHelperClassNames();
  }
}
