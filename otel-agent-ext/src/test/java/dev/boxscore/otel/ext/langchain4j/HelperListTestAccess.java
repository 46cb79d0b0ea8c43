package dev.boxscore.otel.ext.langchain4j;

import java.io.IOException;
import java.util.List;

/** The helper-list checks of {@link HelperListTest}, for the other modules' tests. */
public final class HelperListTestAccess {
  private HelperListTestAccess() {}

  public static List<String> compiledClasses(String... packages) throws IOException {
    return HelperListTest.compiledClasses(packages);
  }

  public static boolean agentSide(String className) {
    return HelperListTest.agentSide(className);
  }
}
