package dev.boxscore.server;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * The application with ingest also consuming the OpenTelemetry Collector Kafka exporter's default
 * topic into the bootstrap project (the one {@link EmbeddedInfrastructure#API_KEY} reads).
 */
public class OtelCollectorKafkaProfile implements QuarkusTestProfile {
  static final String TOPIC = "otlp_spans";
  static final String PROJECT = "default";

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of(
        "boxscore.ingest.otlp-kafka.topic", TOPIC, "boxscore.ingest.otlp-kafka.project", PROJECT);
  }
}
