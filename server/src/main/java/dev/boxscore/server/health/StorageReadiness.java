package dev.boxscore.server.health;

import dev.boxscore.ingest.config.IngestConfig;
import dev.boxscore.query.config.QueryConfig;
import dev.boxscore.storage.clickhouse.ClickHouseStorage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while ClickHouse answers, on nodes that read or write it. */
@Readiness
@ApplicationScoped
public class StorageReadiness implements HealthCheck {
  private final Instance<ClickHouseStorage> storage;
  private final boolean needed;

  StorageReadiness(Instance<ClickHouseStorage> storage, IngestConfig ingest, QueryConfig query) {
    this.storage = storage;
    this.needed = ingest.enabled() || query.enabled();
  }

  @Override
  public HealthCheckResponse call() {
    if (!needed) {
      return HealthCheckResponse.up("clickhouse (not used by this node)");
    }
    boolean up;
    try {
      up = storage.get().ping(Duration.ofSeconds(2));
    } catch (RuntimeException e) {
      up = false;
    }
    return HealthCheckResponse.named("clickhouse").status(up).build();
  }
}
