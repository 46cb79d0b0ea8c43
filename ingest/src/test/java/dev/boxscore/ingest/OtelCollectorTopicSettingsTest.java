package dev.boxscore.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.boxscore.ingest.config.IngestConfig;
import dev.boxscore.ingest.kafka.OtelCollectorTopic;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OtelCollectorTopicSettingsTest {
  @Test
  void withoutATopicNothingMoreIsConsumed() {
    assertThat(IngestRole.otelCollectorTopic(settings(null, "default"))).isEmpty();
    assertThat(IngestRole.otelCollectorTopic(settings("  ", null))).isEmpty();
  }

  @Test
  void aTopicWithAProjectIsConsumedIntoThatProject() {
    assertThat(IngestRole.otelCollectorTopic(settings(" otlp_spans ", " prj_1 ")))
        .contains(new OtelCollectorTopic("otlp_spans", "prj_1", 1000));
  }

  @Test
  void aTopicWithoutAProjectRefusesToStartNamingBothSettings() {
    for (String project : new String[] {null, "", "  "}) {
      assertThatThrownBy(() -> IngestRole.otelCollectorTopic(settings("otlp_spans", project)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("boxscore.ingest.otlp-kafka.project")
          .hasMessageContaining("BOXSCORE_INGEST_OTLP_KAFKA_PROJECT")
          .hasMessageContaining("otlp_spans");
    }
  }

  @Test
  void boxscoresOwnTopicIsRefused() {
    assertThatThrownBy(() -> IngestRole.otelCollectorTopic(settings("boxscore.spans.v1", "p")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Boxscore's own topic");
  }

  private static IngestConfig.OtlpKafka settings(String topic, String project) {
    return new IngestConfig.OtlpKafka() {
      @Override
      public Optional<String> topic() {
        return Optional.ofNullable(topic);
      }

      @Override
      public Optional<String> project() {
        return Optional.ofNullable(project);
      }

      @Override
      public int maxRecordBytes() {
        return 1000;
      }
    };
  }
}
