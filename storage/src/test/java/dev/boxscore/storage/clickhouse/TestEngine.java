package dev.boxscore.storage.clickhouse;

import dev.boxscore.embedded.clickhouse.EmbeddedClickHouse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real ClickHouse engine, embedded, for one test class: a fresh data directory under target/.
 */
final class TestEngine {
  /**
   * Retention for generated traffic dated months back (beyond the default 30 days, a project
   * setting).
   */
  static final java.util.function.ToIntFunction<String> HISTORIC = project -> 3650;

  private TestEngine() {}

  static EmbeddedClickHouse start() throws IOException {
    Path target = Files.createDirectories(Path.of("target"));
    return EmbeddedClickHouse.builder()
        .dataDir(Files.createTempDirectory(target.toAbsolutePath(), "clickhouse-"))
        .build()
        .start();
  }

  /** A store on the engine, with its credential; add the database and build. */
  static ClickHouseStorage.Builder storage(EmbeddedClickHouse engine) {
    return ClickHouseStorage.builder()
        .url(engine.url())
        .username(engine.username())
        .password(engine.password());
  }
}
