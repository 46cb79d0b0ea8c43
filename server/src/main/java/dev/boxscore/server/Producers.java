package dev.boxscore.server;

import dev.boxscore.auth.ApiKeys;
import dev.boxscore.auth.Principal;
import dev.boxscore.auth.Scope;
import dev.boxscore.auth.StaticApiKeys;
import dev.boxscore.server.config.AuthConfig;
import dev.boxscore.server.config.StorageConfig;
import dev.boxscore.storage.clickhouse.ClickHouseStorage;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Set;

/** The shared pieces the roles are built from. */
public class Producers {
  /** Created on first use, so a node that runs only the collector never connects to ClickHouse. */
  @Produces
  @Singleton
  ClickHouseStorage storage(StorageConfig config) {
    return ClickHouseStorage.builder()
        .url(config.url())
        .database(config.database())
        .username(config.username())
        .password(config.password().orElse(""))
        .build()
        .start();
  }

  void close(@Disposes ClickHouseStorage storage) {
    storage.close();
  }

  @Produces
  @Singleton
  ApiKeys apiKeys(AuthConfig config) {
    String key =
        config
            .bootstrapKey()
            .filter(k -> !k.isBlank())
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "no API key configured: set BOXSCORE_BOOTSTRAP_KEY (./boxscore up generates one)"));
    return StaticApiKeys.of(key, new Principal(config.bootstrapProject(), Set.of(Scope.ADMIN)));
  }
}
