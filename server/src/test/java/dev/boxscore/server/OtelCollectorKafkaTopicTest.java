package dev.boxscore.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import dev.boxscore.wire.KafkaTopics;
import dev.boxscore.wire.SpanRecordCodec;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * A team already shipping OTLP through Kafka with the OpenTelemetry Collector's Kafka exporter
 * ({@code encoding: otlp_proto}, {@code partition_traces_by_id: true}) points ingest at that topic.
 * Records are written here as that exporter writes them: the OTLP protobuf trace payload as the
 * value, the trace id in hex as the key, no headers. (The exporter's partitioner hashes the key
 * differently from the Java client's, which changes which partition a trace lands on, not that it
 * lands on one.)
 */
@QuarkusTest
@TestProfile(OtelCollectorKafkaProfile.class)
class OtelCollectorKafkaTopicTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  @Test
  void tracesWrittenAsTheExporterDoesAreStoredExactlyOnceUnderTheConfiguredProject()
      throws Exception {
    String service = "otel-kafka-" + UUID.randomUUID();
    List<String> traceIds = new ArrayList<>();
    List<List<Span>> traces = new ArrayList<>();
    for (int t = 0; t < 6; t++) {
      String traceId = HexFormat.of().formatHex(randomBytes(16));
      traceIds.add(traceId);
      traces.add(
          List.of(span(traceId, null, "root"), span(traceId, "child-a"), span(traceId, "child-b")));
    }
    try (KafkaProducer<byte[], byte[]> producer = producer()) {
      for (int t = 0; t < traces.size(); t++) {
        List<Span> spans = traces.get(t);
        // The exporter sends a trace's spans as they reach it: here the root and one child first...
        ProducerRecord<byte[], byte[]> first = exporterRecord(service, spans.subList(0, 2));
        producer.send(first).get();
        if (t % 2 == 0) {
          // ...and after a lost acknowledgement, the same record again (its retry_on_failure).
          producer.send(first).get();
        }
        // ...then the last child, later, in a record of its own on the same key.
        producer.send(exporterRecord(service, spans.subList(2, 3))).get();
      }
    }

    for (String traceId : traceIds) {
      var trace = PipelineTest.awaitTrace(traceId, 3);
      assertThat(trace.getList("spans.name", String.class))
          .containsExactlyInAnyOrder("root", "child-a", "child-b");
      assertThat(trace.getList("spans.service", String.class)).containsOnly(service);
    }
    // Each retried record precedes, on its partition, a record whose trace is visible now: it was
    // read, and nothing of it was stored twice.
    StoredSpans.Totals stored = StoredSpans.ofService(OtelCollectorKafkaProfile.PROJECT, service);
    assertThat(stored.rows()).isEqualTo(18);
    assertThat(stored.distinctSpans()).isEqualTo(18);
  }

  @Test
  void malformedAndInvalidRecordsGoToTheDeadLetterTopicAndTheNextRecordIsStillStored()
      throws Exception {
    String service = "otel-kafka-bad-" + UUID.randomUUID();
    String traceId = HexFormat.of().formatHex(randomBytes(16));
    byte[] key = traceId.getBytes(StandardCharsets.US_ASCII);
    Span zeroTraceId =
        span(traceId, "zero-trace").toBuilder()
            .setTraceId(ByteString.copyFrom(new byte[16]))
            .build();
    try (KafkaProducer<byte[], byte[]> producer = producer()) {
      // One key for all three: the bad records sit on the good one's partition, ahead of it.
      producer
          .send(
              new ProducerRecord<>(
                  OtelCollectorKafkaProfile.TOPIC,
                  key,
                  "{\"resourceSpans\":[]}".getBytes(StandardCharsets.UTF_8)))
          .get();
      producer
          .send(
              new ProducerRecord<>(
                  OtelCollectorKafkaProfile.TOPIC,
                  key,
                  payload(service, List.of(zeroTraceId)).toByteArray()))
          .get();
      producer
          .send(exporterRecord(service, List.of(span(traceId, null, "after-the-bad-ones"))))
          .get();
    }

    PipelineTest.awaitTrace(traceId, 1);
    assertThat(StoredSpans.ofService(OtelCollectorKafkaProfile.PROJECT, service).rows())
        .isEqualTo(1);

    Properties c = new Properties();
    c.putAll(KafkaTestClients.shared());
    c.put(ConsumerConfig.GROUP_ID_CONFIG, "otel-kafka-dlq-test-" + UUID.randomUUID());
    c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<String> reasons = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(KafkaTopics.DEAD_LETTER));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                  if (r.key() != null
                      && traceId.equals(new String(r.key(), StandardCharsets.US_ASCII))) {
                    reasons.add(
                        new String(
                            r.headers().lastHeader(SpanRecordCodec.REASON_HEADER).value(),
                            StandardCharsets.UTF_8));
                  }
                }
                return reasons.size() >= 2;
              });
    }
    assertThat(reasons)
        .containsExactly(
            "undecodable: value is not OTLP protobuf traces (the exporter's otlp_proto encoding)",
            "undecodable: invalid span:"
                + " resourceSpans[0].scopeSpans[0].spans[0].traceId: must not be all zeros");
  }

  @Test
  void aRecordWithoutKeyHoldingSeveralTracesIsStoredTraceByTrace() throws Exception {
    // What the exporter writes without partition_traces_by_id: one record, no key, many traces.
    String service = "otel-kafka-unkeyed-" + UUID.randomUUID();
    String first = HexFormat.of().formatHex(randomBytes(16));
    String second = HexFormat.of().formatHex(randomBytes(16));
    List<Span> spans =
        List.of(
            span(first, null, "first-root"),
            span(second, null, "second-root"),
            span(first, "first-child"));
    try (KafkaProducer<byte[], byte[]> producer = producer()) {
      producer
          .send(
              new ProducerRecord<>(
                  OtelCollectorKafkaProfile.TOPIC, null, payload(service, spans).toByteArray()))
          .get();
    }

    assertThat(PipelineTest.awaitTrace(first, 2).getList("spans.name", String.class))
        .containsExactlyInAnyOrder("first-root", "first-child");
    assertThat(PipelineTest.awaitTrace(second, 1).getList("spans.name", String.class))
        .containsExactly("second-root");
    assertThat(StoredSpans.ofService(OtelCollectorKafkaProfile.PROJECT, service).rows())
        .isEqualTo(3);
  }

  /** A record as the exporter writes it with partition_traces_by_id: keyed by the hex trace id. */
  private static ProducerRecord<byte[], byte[]> exporterRecord(String service, List<Span> spans) {
    String traceId = HexFormat.of().formatHex(spans.get(0).getTraceId().toByteArray());
    return new ProducerRecord<>(
        OtelCollectorKafkaProfile.TOPIC,
        traceId.getBytes(StandardCharsets.US_ASCII),
        payload(service, spans).toByteArray());
  }

  private static ExportTraceServiceRequest payload(String service, List<Span> spans) {
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(
            ResourceSpans.newBuilder()
                .setResource(
                    Resource.newBuilder()
                        .addAttributes(
                            KeyValue.newBuilder()
                                .setKey("service.name")
                                .setValue(AnyValue.newBuilder().setStringValue(service))))
                .addScopeSpans(
                    ScopeSpans.newBuilder()
                        .setScope(InstrumentationScope.newBuilder().setName("otel-kafka-test"))
                        .addAllSpans(spans)))
        .build();
  }

  private static final Map<String, byte[]> ROOTS = new java.util.concurrent.ConcurrentHashMap<>();

  /** A child of the trace's root span. */
  private static Span span(String traceId, String name) {
    return span(traceId, ROOTS.get(traceId), name);
  }

  private static Span span(String traceId, byte[] parent, String name) {
    byte[] spanId = randomBytes(8);
    if (parent == null) {
      ROOTS.put(traceId, spanId);
    }
    long start = System.currentTimeMillis() * 1_000_000L;
    Span.Builder span =
        Span.newBuilder()
            .setTraceId(ByteString.copyFrom(HexFormat.of().parseHex(traceId)))
            .setSpanId(ByteString.copyFrom(spanId))
            .setName(name)
            .setKind(Span.SpanKind.SPAN_KIND_INTERNAL)
            .setStartTimeUnixNano(start)
            .setEndTimeUnixNano(start + 5_000_000L);
    if (parent != null) {
      span.setParentSpanId(ByteString.copyFrom(parent));
    }
    return span.build();
  }

  private static byte[] randomBytes(int n) {
    byte[] bytes = new byte[n];
    RANDOM.nextBytes(bytes);
    bytes[0] |= 1; // never all zeros
    return bytes;
  }

  private static KafkaProducer<byte[], byte[]> producer() {
    Properties p = new Properties();
    p.putAll(KafkaTestClients.shared());
    return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
  }
}
