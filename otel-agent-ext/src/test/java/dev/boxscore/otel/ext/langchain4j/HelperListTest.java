package dev.boxscore.otel.ext.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Without muzzle nothing computes the helper list, and a class missing from it means
 * NoClassDefFoundError inside the advice (swallowed) and no span at all. Every compiled class the
 * advice can reach must be declared.
 */
class HelperListTest {
  static List<String> compiledClasses(String... packages) throws IOException {
    Path root = Path.of(System.getProperty("extension.classes"));
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(f -> f.toString().endsWith(".class"))
          .map(f -> root.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", ""))
          .filter(name -> Stream.of(packages).anyMatch(p -> name.startsWith(p + ".")))
          .sorted()
          .toList();
    }
  }

  /**
   * Instrumentation and advice classes run inside the agent (advice is inlined), so they are no
   * helpers.
   */
  static boolean agentSide(String className) {
    return className.endsWith("Instrumentation")
        || className.endsWith("InstrumentationModule")
        || className.contains("Advice");
  }

  @Test
  void everyCompiledHelperOfTheModuleIsDeclared() throws IOException {
    List<String> helpers =
        compiledClasses("dev.boxscore.otel.ext.common", "dev.boxscore.otel.ext.langchain4j")
            .stream()
            .filter(name -> !agentSide(name))
            .toList();

    assertThat(helpers).contains("dev.boxscore.otel.ext.langchain4j.UsageDetails$1");
    assertThat(LangChain4jInstrumentationModule.HELPERS)
        .containsExactlyInAnyOrderElementsOf(helpers);
    assertThat(new LangChain4jInstrumentationModule().getAdditionalHelperClassNames())
        .isEqualTo(LangChain4jInstrumentationModule.HELPERS);
  }

  @Test
  void everyCompiledHelperOfTheOpenAiModuleIsDeclared() throws IOException {
    List<String> helpers =
        compiledClasses("dev.boxscore.otel.ext.common", "dev.boxscore.otel.ext.openai").stream()
            .filter(name -> !agentSide(name))
            .toList();

    assertThat(dev.boxscore.otel.ext.openai.OpenAiHelpers.declared())
        .containsExactlyInAnyOrderElementsOf(helpers);
  }

  @Test
  void everyCompiledHelperOfTheSpringAiModuleIsDeclared() throws IOException {
    List<String> helpers =
        compiledClasses("dev.boxscore.otel.ext.common", "dev.boxscore.otel.ext.springai").stream()
            .filter(name -> !agentSide(name))
            .toList();

    assertThat(helpers).contains("dev.boxscore.otel.ext.springai.SpringAiOptions$Option");
    assertThat(dev.boxscore.otel.ext.springai.SpringAiHelpers.declared())
        .containsExactlyInAnyOrderElementsOf(helpers);
  }
}
