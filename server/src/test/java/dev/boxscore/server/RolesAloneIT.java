package dev.boxscore.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.boxscore.embedded.clickhouse.EmbeddedClickHouse;
import dev.boxscore.wire.KafkaTopics;
import dev.boxscore.wire.SpanRecordCodec;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * Each role in a process of its own ({@code BOXSCORE_ROLES=query}, {@code collector}, {@code
 * ingest}) starts, becomes ready and serves its part: the query role answers the API, the collector
 * accepts OTLP and its record is in Kafka, the ingest role stores a record from Kafka. Once against
 * an external Kafka and ClickHouse (started here in the test JVM, shared by the three processes,
 * which then form the whole pipeline), once in the one-machine mode (each process embeds what its
 * role needs, on its own data directory). Every role reads projects and keys from the control
 * topic, so every one needs Kafka. The three processes of a mode start together.
 */
class RolesAloneIT {
  static final String KAFKA_PASSWORD = "roles-it-kafka-secret";

  static final String KEY = "bx_roles_it_key";
  static final Duration START = Duration.ofSeconds(180);

  @Test
  void eachRoleAloneAgainstAnExternalKafkaAndClickHouse() throws Exception {
    Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "roles-external-");
    try (OneMachine external = OneMachine.start(dir.resolve("infra"), true, true, KEY)) {
      Map<String, String> env =
          new HashMap<>(
              Map.of(
                  "BOXSCORE_KAFKA_BOOTSTRAP",
                  external.kafka().bootstrapServers(),
                  "BOXSCORE_CLICKHOUSE_URL",
                  external.clickHouse().url(),
                  "BOXSCORE_BOOTSTRAP_KEY",
                  KEY,
                  "BOXSCORE_BIND",
                  "127.0.0.1"));
      // An external Kafka and ClickHouse that require credentials, as a production cluster would.
      env.put("BOXSCORE_KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT");
      env.put("BOXSCORE_KAFKA_SASL_MECHANISM", "PLAIN");
      env.put("BOXSCORE_KAFKA_SASL_USERNAME", external.kafka().username());
      env.put("BOXSCORE_KAFKA_SASL_PASSWORD", external.kafka().password());
      env.put("BOXSCORE_CLICKHOUSE_USERNAME", external.clickHouse().username());
      env.put("BOXSCORE_CLICKHOUSE_PASSWORD", external.clickHouse().password());
      Map<String, ServerProcess> roles =
          startEach(
              "external",
              role -> {
                Map<String, String> e = new HashMap<>(env);
                e.put("BOXSCORE_DATA_DIR", dir.resolve(role).toString());
                return e;
              });
      try {
        Properties bootstrap = KafkaTestClients.of(external.kafka());
        // query: answers an API call.
        assertThat(roles.get("query").get("/api/v1/services", KEY).statusCode()).isEqualTo(200);
        // collector: accepts OTLP; the record is in Kafka.
        String traceId = sendTrace(roles.get("collector"));
        ConsumerRecord<byte[], byte[]> record =
            await()
                .atMost(Duration.ofSeconds(30))
                .ignoreExceptions()
                .until(() -> findSpanRecord(bootstrap, traceId), r -> r != null);
        assertThat(SpanRecordCodec.fromConsumerRecord(record).traceId()).isEqualTo(traceId);
        // ingest: that record ends up stored; query: the API finds it.
        await()
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(100))
            .ignoreExceptions()
            .until(() -> storedRows(external.clickHouse(), traceId) > 0);
        await()
            .atMost(Duration.ofSeconds(10))
            .pollInterval(Duration.ofMillis(100))
            .ignoreExceptions()
            .until(
                () -> roles.get("query").get("/api/v1/traces/" + traceId, KEY).statusCode() == 200);
      } finally {
        stopAll(roles);
      }
    }
  }

  @Test
  void eachRoleAloneInTheOneMachineMode() throws Exception {
    Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "roles-one-machine-");
    Map<String, ServerProcess> roles =
        startEach(
            "one-machine",
            role -> {
              Map<String, String> env =
                  new HashMap<>(
                      Map.of(
                          "BOXSCORE_DATA_DIR",
                          dir.resolve(role).toString(),
                          "BOXSCORE_BOOTSTRAP_KEY",
                          KEY,
                          // The embedded broker takes this password, so the test can read and write
                          // its topics.
                          "BOXSCORE_KAFKA_SASL_PASSWORD",
                          KAFKA_PASSWORD));
              if (role.equals("query")) {
                // A collector setting, meaningless here: the control topic this process creates on
                // its one broker has its
                // own (boxscore.control.replication-factor, default 1), or the query role would not
                // start.
                env.put("BOXSCORE_COLLECTOR_KAFKA_REPLICATION_FACTOR", "3");
              }
              return env;
            });
    try {
      // query: embedded ClickHouse for the API, embedded Kafka for the control topic.
      assertThat(roles.get("query").get("/api/v1/services", KEY).statusCode()).isEqualTo(200);
      // collector: embedded Kafka; the record is there.
      String traceId = sendTrace(roles.get("collector"));
      Properties collectorKafka = embeddedBootstrap(dir.resolve("collector"));
      ConsumerRecord<byte[], byte[]> record =
          await()
              .atMost(Duration.ofSeconds(30))
              .ignoreExceptions()
              .until(() -> findSpanRecord(collectorKafka, traceId), r -> r != null);
      // ingest: the same record, put into the ingest process's embedded Kafka, is stored: the loop
      // commits a
      // record's offset only after its insert succeeded.
      Properties ingestKafka = embeddedBootstrap(dir.resolve("ingest"));
      long offset = produce(ingestKafka, record);
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(100))
          .ignoreExceptions()
          .until(() -> committed(ingestKafka, new TopicPartition(KafkaTopics.SPANS, 0)) > offset);
    } finally {
      stopAll(roles);
    }
  }

  /** Starts the three single-role processes together and waits until each is ready. */
  private static Map<String, ServerProcess> startEach(
      String mode, java.util.function.Function<String, Map<String, String>> env) {
    Map<String, ServerProcess> roles = new java.util.LinkedHashMap<>();
    for (String role : List.of("query", "collector", "ingest")) {
      Map<String, String> e = new HashMap<>(env.apply(role));
      e.put("BOXSCORE_ROLES", role);
      roles.put(role, ServerProcess.start("roles-" + mode + "-" + role, e));
    }
    try {
      roles.forEach(
          (role, server) -> {
            Duration ready = server.awaitReady(START);
            System.out.printf(
                "RolesAloneIT %s: %s ready after %d ms more%n", mode, role, ready.toMillis());
          });
    } catch (RuntimeException | Error e) {
      stopAll(roles);
      throw e;
    }
    return roles;
  }

  private static void stopAll(Map<String, ServerProcess> roles) {
    for (ServerProcess server : roles.values()) {
      try {
        if (server.isAlive()) {
          server.stop();
        }
      } catch (Exception e) {
        System.out.println("stopping " + server.name + ": " + e);
      }
    }
  }

  private static String sendTrace(ServerProcess collector) {
    String[] traceId = {null};
    boolean sent =
        Otlp.export(
            Otlp.httpExporter(collector.otlpHttpPort, KEY),
            "roles-it",
            tracer -> traceId[0] = Otlp.chatTrace(tracer, "gpt-4o-mini", 10, 5));
    assertThat(sent).as("the collector accepted the OTLP request").isTrue();
    return traceId[0];
  }

  /** The record of this trace in the spans topic, or null. */
  private static ConsumerRecord<byte[], byte[]> findSpanRecord(Properties kafka, String traceId)
      throws Exception {
    Properties props = new Properties();
    props.putAll(kafka);
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(KafkaTopics.SPANS, Duration.ofSeconds(10)).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(10));
      while (partitions.stream()
          .anyMatch(tp -> consumer.position(tp, Duration.ofSeconds(10)) < end.get(tp))) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          if (SpanRecordCodec.fromConsumerRecord(r).traceId().equals(traceId)) {
            return r;
          }
        }
      }
    }
    return null;
  }

  /**
   * Writes the record (key, value, headers) to partition 0 of the spans topic; returns its offset.
   */
  private static long produce(Properties kafka, ConsumerRecord<byte[], byte[]> record)
      throws Exception {
    Properties props = new Properties();
    props.putAll(kafka);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
      return producer
          .send(
              new ProducerRecord<>(
                  KafkaTopics.SPANS, 0, record.key(), record.value(), record.headers()))
          .get()
          .offset();
    }
  }

  /** The ingest group's committed offset on a partition (-1: none). */
  private static long committed(Properties kafka, TopicPartition partition) throws Exception {
    try (Admin admin = Admin.create(kafka)) {
      OffsetAndMetadata offset =
          admin
              .listConsumerGroupOffsets("boxscore-ingest")
              .partitionsToOffsetAndMetadata()
              .get()
              .get(partition);
      return offset == null ? -1 : offset.offset();
    }
  }

  private static Properties embeddedBootstrap(Path dataDir) throws Exception {
    Properties ports = new Properties();
    try (var in = Files.newInputStream(dataDir.resolve("kafka-ports.properties"))) {
      ports.load(in);
    }
    return KafkaTestClients.plain("127.0.0.1:" + ports.getProperty("broker"), KAFKA_PASSWORD);
  }

  private static long storedRows(EmbeddedClickHouse clickHouse, String traceId) throws Exception {
    String url =
        clickHouse.url() + "/?param_t=" + URLEncoder.encode(traceId, StandardCharsets.UTF_8);
    HttpResponse<String> r =
        ServerProcess.HTTP.send(
            HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", clickHouse.basicAuthorization())
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "SELECT count() FROM boxscore.spans WHERE trace_id = {t:String} FORMAT TabSeparated"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return Long.parseLong(r.body().strip());
  }
}
