package dev.boxscore.ingest;

import dev.boxscore.auth.directory.KeyDirectory;
import dev.boxscore.auth.kafka.KafkaCredentials;
import dev.boxscore.ingest.config.IngestConfig;
import dev.boxscore.ingest.kafka.OtelCollectorTopic;
import dev.boxscore.ingest.kafka.SpanConsumerLoop;
import dev.boxscore.ingest.mapping.SpanRowFactory;
import dev.boxscore.model.normalize.LlmSpanNormalizer;
import dev.boxscore.model.pricing.PriceCatalog;
import dev.boxscore.storage.clickhouse.ClickHouseStorage;
import dev.boxscore.wire.KafkaTopics;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jboss.logging.Logger;

/** Starts the ingest role when enabled: one consumer loop on its own thread. */
@ApplicationScoped
public class IngestRole {
  private static final Logger LOG = Logger.getLogger(IngestRole.class);

  private final IngestConfig config;
  private final KafkaCredentials kafka;
  private final Instance<ClickHouseStorage> storage;
  private final Instance<KeyDirectory> directory;
  private final MeterRegistry meters;
  private SpanConsumerLoop loop;
  private Thread thread;
  private KafkaProducer<byte[], byte[]> deadLetterProducer;

  IngestRole(
      IngestConfig config,
      Instance<ClickHouseStorage> storage,
      Instance<KeyDirectory> directory,
      MeterRegistry meters,
      KafkaCredentials kafka) {
    this.config = config;
    this.kafka = kafka;
    this.storage = storage;
    this.directory = directory;
    this.meters = meters;
  }

  void start(@Observes StartupEvent event) {
    if (!config.enabled()) {
      return;
    }
    Optional<OtelCollectorTopic> otelCollector = otelCollectorTopic(config.otlpKafka());
    deadLetterProducer =
        new KafkaProducer<>(
            producerProperties(config, kafka),
            new ByteArraySerializer(),
            new ByteArraySerializer());
    loop =
        new SpanConsumerLoop(
            new SpanConsumerLoop.Settings(
                KafkaTopics.SPANS,
                config.batchMaxSpans(),
                config.batchMaxWait(),
                config.retryBackoffMax(),
                otelCollector),
            new KafkaConsumer<>(
                consumerProperties(config, kafka),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer()),
            deadLetterProducer,
            storage.get().spanWriter(directory.get()::retentionDays),
            new SpanRowFactory(new LlmSpanNormalizer(), PriceCatalog.builtIn()),
            meters);
    thread = new Thread(loop, "boxscore-ingest");
    thread.start();
    LOG.infof(
        "ingest: consuming as group %s%s from %s",
        config.groupId(),
        config.instanceId().map(id -> " (member " + id + ")").orElse(""),
        config.kafka().bootstrap());
    otelCollector.ifPresent(
        o ->
            LOG.infof(
                "ingest: also consuming the OpenTelemetry Collector Kafka exporter's topic %s into"
                    + " project %s",
                o.topic(), o.projectId()));
  }

  /**
   * The exporter's topic to consume, if one is set; a topic without a project is refused, since its
   * records name none.
   */
  static Optional<OtelCollectorTopic> otelCollectorTopic(IngestConfig.OtlpKafka settings) {
    Optional<String> topic = settings.topic().map(String::strip).filter(t -> !t.isEmpty());
    if (topic.isEmpty()) {
      return Optional.empty();
    }
    String project = settings.project().map(String::strip).orElse("");
    if (project.isEmpty()) {
      throw new IllegalStateException(
          "boxscore.ingest.otlp-kafka.topic (BOXSCORE_INGEST_OTLP_KAFKA_TOPIC) is set to "
              + topic.get()
              + " but boxscore.ingest.otlp-kafka.project (BOXSCORE_INGEST_OTLP_KAFKA_PROJECT) is"
              + " not: name the project the topic's spans belong to");
    }
    if (topic.get().equals(KafkaTopics.SPANS) || topic.get().equals(KafkaTopics.DEAD_LETTER)) {
      throw new IllegalStateException(
          "boxscore.ingest.otlp-kafka.topic (BOXSCORE_INGEST_OTLP_KAFKA_TOPIC) must not be"
              + " Boxscore's own topic "
              + topic.get());
    }
    if (settings.maxRecordBytes() <= 0) {
      throw new IllegalStateException(
          "boxscore.ingest.otlp-kafka.max-record-bytes must be positive");
    }
    return Optional.of(new OtelCollectorTopic(topic.get(), project, settings.maxRecordBytes()));
  }

  /**
   * Whether the role can store spans: off, or its loop runs and has joined its consumer group
   * (holds its share of the partitions, possibly none). Readiness reports this.
   */
  public boolean ready() {
    return !config.enabled() || (loop != null && loop.joined());
  }

  /** The running loop, or null when the role is off. */
  public SpanConsumerLoop loop() {
    return loop;
  }

  public static Properties consumerProperties(IngestConfig config, KafkaCredentials kafka) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafka().bootstrap());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "boxscore-ingest");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
    props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 * 1024 * 1024);
    props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024 * 1024);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config
        .instanceId()
        .filter(id -> !id.isBlank())
        .ifPresent(
            id -> {
              props.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, id.strip());
              props.put(ConsumerConfig.CLIENT_ID_CONFIG, "boxscore-ingest-" + id.strip());
            });
    return kafka.applyTo(props);
  }

  static Properties producerProperties(IngestConfig config, KafkaCredentials kafka) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafka().bootstrap());
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "boxscore-ingest-dlq");
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 16 * 1024 * 1024);
    return kafka.applyTo(props);
  }

  @PreDestroy
  void stop() throws InterruptedException {
    if (loop != null) {
      loop.stop();
      thread.join(10_000);
    }
    if (deadLetterProducer != null) {
      deadLetterProducer.close();
    }
  }
}
