package dev.boxscore.server.health;

import dev.boxscore.ingest.IngestRole;
import dev.boxscore.ingest.config.IngestConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only once the ingest role, on nodes that run it, has joined its consumer group and holds
 * its partitions: a node that says ready stores what it is sent from then on, instead of after a
 * group rebalance that may take the length of a session timeout.
 */
@Readiness
@ApplicationScoped
public class IngestReadiness implements HealthCheck {
  private final IngestConfig config;
  private final IngestRole ingest;

  IngestReadiness(IngestConfig config, IngestRole ingest) {
    this.config = config;
    this.ingest = ingest;
  }

  @Override
  public HealthCheckResponse call() {
    if (!config.enabled()) {
      return HealthCheckResponse.up("ingest (not run by this node)");
    }
    return HealthCheckResponse.named("ingest")
        .status(ingest.ready())
        .withData("group", config.groupId())
        .withData("instance", config.instanceId().orElse("(dynamic)"))
        .build();
  }
}
