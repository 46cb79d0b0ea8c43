package dev.boxscore.server;

import dev.boxscore.auth.kafka.KafkaCredentials;
import dev.boxscore.ingest.IngestRole;
import dev.boxscore.ingest.config.IngestConfig;
import dev.boxscore.ingest.kafka.SpanConsumerLoop;
import dev.boxscore.ingest.mapping.SpanRowFactory;
import dev.boxscore.model.normalize.LlmSpanNormalizer;
import dev.boxscore.model.pricing.PriceCatalog;
import dev.boxscore.storage.clickhouse.ClickHouseStorage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The ingest role as its own process, for tests that kill it with SIGKILL: the same consumer
 * settings, loop, row factory and ClickHouse writer as {@link IngestRole}, pointed at the test
 * JVM's broker and at the embedded engine's HTTP adapter (a real ClickHouse server's protocol).
 * Quarkus is left out only to start in about a second.
 *
 * <p>System properties: {@code boxscore.kafka.bootstrap}, {@code boxscore.kafka.sasl.username},
 * {@code .password}, {@code boxscore.clickhouse.url}, {@code .username}, {@code .password}, {@code
 * boxscore.ingest.group-id}, {@code boxscore.ingest.batch-max-spans}, {@code ingest.instance}
 * (static group membership, so a restarted process takes its partitions at once instead of waiting
 * for the dead one's session to expire), {@code ingest.ready-file} (written once the loop runs),
 * and the test-only crash point {@code ingest.halt-at=before-insert|after-insert} with {@code
 * ingest.halt-after-inserts=N}: the process halts (Runtime.halt, no shutdown hooks, no commit: what
 * SIGKILL does) at that point of the flush that made its N-th insert. {@code after-insert} is the
 * window between a stored batch and its offset commit.
 */
public final class IngestProcess {
  /** Exit codes of a halt at each point, so the test knows where the process died. */
  static final int HALTED_BEFORE_INSERT = 71;

  static final int HALTED_AFTER_INSERT = 72;

  private IngestProcess() {}

  public static void main(String[] args) throws Exception {
    String bootstrap = required("boxscore.kafka.bootstrap");
    ClickHouseStorage storage =
        ClickHouseStorage.builder()
            .url(required("boxscore.clickhouse.url"))
            .username(required("boxscore.clickhouse.username"))
            .password(required("boxscore.clickhouse.password"))
            .build()
            .start();
    IngestConfig config =
        config(
            bootstrap,
            System.getProperty("boxscore.ingest.group-id", "boxscore-ingest"),
            Integer.getInteger("boxscore.ingest.batch-max-spans", 20_000));

    KafkaCredentials kafka =
        new KafkaCredentials(
            "SASL_PLAINTEXT",
            "PLAIN",
            required("boxscore.kafka.sasl.username"),
            required("boxscore.kafka.sasl.password"));
    Properties consumer = IngestRole.consumerProperties(config, kafka);
    // Long enough that a killed process's partitions wait for its successor (however slowly it
    // starts) instead of
    // moving to the other ingest and back; the test removes the static member when it is done.
    consumer.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 60_000);
    Properties producer = new Properties();
    producer.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    producer.put(ProducerConfig.ACKS_CONFIG, "all");
    kafka.applyTo(producer);
    SpanConsumerLoop loop =
        new SpanConsumerLoop(
            new SpanConsumerLoop.Settings(
                config.batchMaxSpans(), config.batchMaxWait(), config.retryBackoffMax()),
            new KafkaConsumer<>(consumer, new ByteArrayDeserializer(), new ByteArrayDeserializer()),
            new KafkaProducer<>(producer, new ByteArraySerializer(), new ByteArraySerializer()),
            storage.spanWriter(),
            new SpanRowFactory(new LlmSpanNormalizer(), PriceCatalog.builtIn()),
            new SimpleMeterRegistry());

    String haltAt = System.getProperty("ingest.halt-at");
    if (haltAt != null) {
      int afterInserts = Integer.getInteger("ingest.halt-after-inserts", 1);
      int[] inserts = {0};
      loop.setCrashHook(
          point -> {
            if (point.equals("before-insert")) {
              if (++inserts[0] == afterInserts && haltAt.equals("before-insert")) {
                Runtime.getRuntime().halt(HALTED_BEFORE_INSERT);
              }
            } else if (point.equals("after-insert")
                && haltAt.equals("after-insert")
                && inserts[0] >= afterInserts) {
              // The flush that made the N-th insert: its rows are stored, its offsets not
              // committed.
              Runtime.getRuntime().halt(HALTED_AFTER_INSERT);
            }
          });
    }
    String readyFile = System.getProperty("ingest.ready-file");
    if (readyFile != null) {
      Files.writeString(Path.of(readyFile), "ready");
    }
    loop.run();
  }

  private static String required(String name) {
    String value = System.getProperty(name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("system property " + name + " is required");
    }
    return value;
  }

  private static IngestConfig config(String bootstrap, String groupId, int batchMaxSpans) {
    return new IngestConfig() {
      @Override
      public boolean enabled() {
        return true;
      }

      @Override
      public String groupId() {
        return groupId;
      }

      @Override
      public java.util.Optional<String> instanceId() {
        return java.util.Optional.of(required("ingest.instance"));
      }

      @Override
      public int batchMaxSpans() {
        return batchMaxSpans;
      }

      @Override
      public Duration batchMaxWait() {
        return Duration.ofMillis(100);
      }

      @Override
      public Duration retryBackoffMax() {
        return Duration.ofSeconds(1);
      }

      @Override
      public Kafka kafka() {
        return () -> bootstrap;
      }

      @Override
      public OtlpKafka otlpKafka() {
        return new OtlpKafka() {
          @Override
          public java.util.Optional<String> topic() {
            return java.util.Optional.empty();
          }

          @Override
          public java.util.Optional<String> project() {
            return java.util.Optional.empty();
          }

          @Override
          public int maxRecordBytes() {
            return 8 << 20;
          }
        };
      }
    };
  }
}
