package dev.boxscore.otel.ext.springai;

import java.util.List;

/** Test access to the package-private helper list. */
public final class SpringAiHelpers {
  private SpringAiHelpers() {}

  public static List<String> declared() {
    return new SpringAiInstrumentationModule().getAdditionalHelperClassNames();
  }
}
