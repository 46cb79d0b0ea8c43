package dev.boxscore.server.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** Where the trace store is: a ClickHouse server's HTTP interface (or the embedded engine's). */
@ConfigMapping(prefix = "boxscore.clickhouse")
public interface StorageConfig {
  /** HTTP endpoint, e.g. {@code http://clickhouse:8123}. */
  @WithDefault("http://127.0.0.1:8123")
  String url();

  /** Database of Boxscore's tables; created when missing. */
  @WithDefault("boxscore")
  String database();

  @WithDefault("default")
  String username();

  /** Empty when the server has no password. */
  Optional<String> password();
}
