package dev.boxscore.ingest.kafka;

import dev.boxscore.wire.KafkaTopics;
import java.util.Objects;

/**
 * A topic the OpenTelemetry Collector's Kafka exporter writes, and the project its spans belong to
 * (its records carry no Boxscore key).
 */
public record OtelCollectorTopic(String topic, String projectId, int maxRecordBytes) {
  public OtelCollectorTopic {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(projectId, "projectId");
    if (topic.equals(KafkaTopics.SPANS) || topic.equals(KafkaTopics.DEAD_LETTER)) {
      throw new IllegalArgumentException(topic + " is Boxscore's own topic");
    }
  }
}
