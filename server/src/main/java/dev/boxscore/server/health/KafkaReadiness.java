package dev.boxscore.server.health;

import dev.boxscore.auth.kafka.KafkaCredentials;
import dev.boxscore.collector.config.CollectorConfig;
import dev.boxscore.ingest.config.IngestConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the Kafka cluster answers, on nodes that produce to or consume from it. */
@Readiness
@ApplicationScoped
public class KafkaReadiness implements HealthCheck {
  private final boolean needed;
  private final String bootstrap;
  private final KafkaCredentials kafka;
  private Admin admin;

  KafkaReadiness(CollectorConfig collector, IngestConfig ingest, KafkaCredentials kafka) {
    this.kafka = kafka;
    this.needed = collector.enabled() || ingest.enabled();
    this.bootstrap =
        collector.enabled() ? collector.kafka().bootstrap() : ingest.kafka().bootstrap();
  }

  @Override
  public synchronized HealthCheckResponse call() {
    if (!needed) {
      return HealthCheckResponse.up("kafka (not used by this node)");
    }
    if (admin == null) {
      Properties props = new Properties();
      props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
      props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
      props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2000);
      kafka.applyTo(props);
      admin = Admin.create(props);
    }
    boolean up;
    try {
      up = !admin.describeCluster().nodes().get(2, TimeUnit.SECONDS).isEmpty();
    } catch (Exception e) {
      up = false;
    }
    // /q/health answers anyone: it says whether Kafka answers, never where it is.
    return HealthCheckResponse.named("kafka").status(up).build();
  }

  @PreDestroy
  synchronized void close() {
    if (admin != null) {
      admin.close();
    }
  }
}
