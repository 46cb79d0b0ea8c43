package dev.boxscore.query.scope;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Project scoping by construction: storage is reached only through {@link ProjectScope}, whose readers are bound to
 * the caller's project. An endpoint that injected the storage itself could read any project; this fails the build
 * then.
 */
class OnlyProjectScopeReachesStorageTest {
  @Test
  void noClassButProjectScopeUsesTheStorageDirectly() throws IOException {
    Path sources = Path.of("src/main/java");
    try (Stream<Path> files = Files.walk(sources)) {
      List<String> offenders =
          files
              .filter(f -> f.toString().endsWith(".java"))
              .filter(f -> !f.getFileName().toString().equals("ProjectScope.java"))
              .filter(OnlyProjectScopeReachesStorageTest::usesStorage)
              .map(f -> sources.relativize(f).toString())
              .toList();
      assertThat(offenders).as("classes that reach ClickHouse without ProjectScope").isEmpty();
    }
  }

  @Test
  void theCheckSeesProjectScopeItself() throws IOException {
    // Guards the check above against passing because it reads nothing.
    assertThat(usesStorage(Path.of("src/main/java/dev/boxscore/query/scope/ProjectScope.java"))).isTrue();
  }

  private static boolean usesStorage(Path file) {
    try {
      String text = Files.readString(file);
      return text.contains("ClickHouseStorage") || text.contains("storage.clickhouse");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
