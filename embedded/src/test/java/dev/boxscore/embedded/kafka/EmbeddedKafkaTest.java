package dev.boxscore.embedded.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class EmbeddedKafkaTest {

  private static final String TOPIC = "spans";

  @Test
  void recordsSurviveABrokerRestartOnTheSameDirectoryAndPort() throws Exception {
    Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "kafka-");
    try (EmbeddedKafka kafka = EmbeddedKafka.builder().dataDir(dir).build().start()) {
      credentials = kafka.clientProperties();
      String bootstrap = kafka.bootstrapServers();
      assertThat(bootstrap).startsWith("127.0.0.1:");

      try (KafkaProducer<String, String> producer = producer(bootstrap, 30_000)) {
        for (int i = 0; i < 100; i++) {
          producer.send(new ProducerRecord<>(TOPIC, "k" + i, "v" + i)).get(30, TimeUnit.SECONDS);
        }
        assertThat(producer.partitionsFor(TOPIC))
            .hasSize(3); // auto-created with the default partitions
      }
      try (KafkaConsumer<String, String> consumer = consumer(bootstrap, "ingest")) {
        assertThat(pollUntil(consumer, 100)).hasSize(100);
        consumer.commitSync();
      }

      kafka.stop();

      assertThat(kafka.isRunning()).isFalse();
      try (KafkaProducer<String, String> producer = producer(bootstrap, 2_000)) {
        assertThatThrownBy(
                () ->
                    producer
                        .send(new ProducerRecord<>(TOPIC, "lost", "lost"))
                        .get(10, TimeUnit.SECONDS))
            .hasRootCauseInstanceOf(org.apache.kafka.common.errors.TimeoutException.class);
      }

      kafka.start();

      assertThat(kafka.bootstrapServers()).isEqualTo(bootstrap);
      try (KafkaConsumer<String, String> fresh = consumer(bootstrap, "audit")) {
        assertThat(pollUntil(fresh, 100))
            .extracting(ConsumerRecord::value)
            .contains("v0", "v99")
            .doesNotContain("lost");
      }
      try (KafkaProducer<String, String> producer = producer(bootstrap, 60_000)) {
        for (int i = 100; i < 110; i++) {
          producer.send(new ProducerRecord<>(TOPIC, "k" + i, "v" + i)).get(60, TimeUnit.SECONDS);
        }
      }
      try (KafkaConsumer<String, String> resumed = consumer(bootstrap, "ingest")) {
        // The committed offsets survived: only the new records arrive.
        assertThat(pollUntil(resumed, 10))
            .extracting(ConsumerRecord::value)
            .containsExactlyInAnyOrder(
                "v100", "v101", "v102", "v103", "v104", "v105", "v106", "v107", "v108", "v109");
      }
    }
  }

  @Test
  void aClientWithoutTheBrokersCredentialCanNeitherReadNorWrite() throws Exception {
    Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "kafka-");
    try (EmbeddedKafka kafka = EmbeddedKafka.builder().dataDir(dir).build().start()) {
      Map<String, Object> base =
          Map.of(
              AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
              kafka.bootstrapServers(),
              AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
              3_000,
              AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
              3_000);
      // What any other local process would try first: no authentication at all.
      try (Admin anonymous = Admin.create(base)) {
        assertThatThrownBy(() -> anonymous.listTopics().names().get(10, TimeUnit.SECONDS))
            .hasCauseInstanceOf(org.apache.kafka.common.errors.TimeoutException.class);
      }
      Map<String, Object> wrong = new java.util.HashMap<>(base);
      wrong.putAll(kafka.clientProperties());
      wrong.put(
          "sasl.jaas.config",
          "org.apache.kafka.common.security.plain.PlainLoginModule required"
              + " username=\""
              + kafka.username()
              + "\" password=\"guess\";");
      try (Admin guessing = Admin.create(wrong)) {
        assertThatThrownBy(() -> guessing.listTopics().names().get(10, TimeUnit.SECONDS))
            .hasCauseInstanceOf(org.apache.kafka.common.errors.SaslAuthenticationException.class);
      }
      Map<String, Object> right = new java.util.HashMap<>(base);
      right.putAll(kafka.clientProperties());
      try (Admin boxscore = Admin.create(right)) {
        assertThat(boxscore.listTopics().names().get(30, TimeUnit.SECONDS)).isNotNull();
      }
      assertThat(Files.readString(dir.resolve("server.properties")))
          .as("the secret is never written to disk")
          .doesNotContain(kafka.password());
    }
  }

  @Test
  void builderRejectsBadOptionsNamingThem() {
    assertThatThrownBy(() -> EmbeddedKafka.builder().build()).hasMessageContaining("dataDir");
    assertThatThrownBy(() -> EmbeddedKafka.builder().port(-1)).hasMessageContaining("port");
    assertThatThrownBy(() -> EmbeddedKafka.builder().partitions(0))
        .hasMessageContaining("partitions");
    assertThatThrownBy(
            () ->
                EmbeddedKafka.builder()
                    .dataDir(Path.of("x"))
                    .port(9999)
                    .controllerPort(9999)
                    .build())
        .hasMessageContaining("controllerPort");
    assertThatThrownBy(
            () -> EmbeddedKafka.builder().dataDir(Path.of("x")).build().bootstrapServers())
        .hasMessageContaining("not been started");
  }

  /** The credential of the broker under test, as the one-machine mode hands it to its clients. */
  private static Map<String, String> credentials = Map.of();

  private static KafkaProducer<String, String> producer(String bootstrap, int deliveryTimeoutMs) {
    return new KafkaProducer<>(
        withCredentials(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.LINGER_MS_CONFIG,
                0,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                Math.min(deliveryTimeoutMs, 30_000),
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                deliveryTimeoutMs,
                ProducerConfig.MAX_BLOCK_MS_CONFIG,
                deliveryTimeoutMs)),
        new StringSerializer(),
        new StringSerializer());
  }

  private static KafkaConsumer<String, String> consumer(String bootstrap, String group) {
    KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            withCredentials(
                Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    bootstrap,
                    ConsumerConfig.GROUP_ID_CONFIG,
                    group,
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                    "earliest",
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                    false)),
            new StringDeserializer(),
            new StringDeserializer());
    consumer.subscribe(List.of(TOPIC));
    return consumer;
  }

  private static Map<String, Object> withCredentials(Map<String, Object> config) {
    Map<String, Object> all = new java.util.HashMap<>(config);
    all.putAll(credentials);
    return all;
  }

  private static List<ConsumerRecord<String, String>> pollUntil(
      KafkaConsumer<String, String> consumer, int count) {
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    await()
        .atMost(60, TimeUnit.SECONDS)
        .until(
            () -> {
              consumer.poll(Duration.ofMillis(200)).forEach(records::add);
              return records.size() >= count;
            });
    return records;
  }
}
