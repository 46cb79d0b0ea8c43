package dev.boxscore.ingest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Settings of the ingest role. */
@ConfigMapping(prefix = "boxscore.ingest")
public interface IngestConfig {
  /** Whether this process runs the ingest role. */
  @WithDefault("true")
  boolean enabled();

  /** Consumer group; every ingest process of one deployment shares it. */
  @WithDefault("boxscore-ingest")
  String groupId();

  /**
   * This process's static member id in the consumer group ({@code group.instance.id}), so that a
   * restarted process (after a stop or a crash) takes its partitions back at once instead of
   * waiting for the old member's session to expire (45 s). Every ingest process of one deployment
   * needs its own id (e.g. {@code ${HOSTNAME}} or a pod name); two processes with one id fence each
   * other. Unset: a dynamic member. The one-machine mode sets one for its embedded broker
   * (BOXSCORE_INGEST_INSTANCE_ID overrides it).
   */
  Optional<String> instanceId();

  /** A batch is written once it holds this many spans... */
  @WithDefault("20000")
  int batchMaxSpans();

  /**
   * ...or once its oldest record waited this long. Each batch is one ClickHouse insert (one part).
   */
  @WithDefault("500ms")
  Duration batchMaxWait();

  /** Longest wait between retries of a failed insert (backoff doubles from 250 ms up to this). */
  @WithDefault("15s")
  Duration retryBackoffMax();

  Kafka kafka();

  /**
   * A topic the OpenTelemetry Collector's Kafka exporter writes, consumed beside Boxscore's own.
   */
  OtlpKafka otlpKafka();

  /** The Kafka cluster spans come from. */
  interface Kafka {
    /** Bootstrap servers; the one-machine mode points this at its embedded broker. */
    @WithDefault("127.0.0.1:9092")
    String bootstrap();
  }

  /**
   * The OpenTelemetry Collector's Kafka exporter's trace topic ({@code encoding: otlp_proto}).
   * Exactly-once needs the exporter's {@code partition_traces_by_id: true}.
   */
  interface OtlpKafka {
    /** The topic (the exporter's default is {@code otlp_spans}); unset: not consumed. */
    Optional<String> topic();

    /** The project the topic's spans are stored under; required when the topic is set. */
    Optional<String> project();

    /**
     * Larger records go to the dead-letter topic (the default is the collector's request limit).
     */
    @WithDefault("8388608")
    int maxRecordBytes();
  }
}
