package dev.boxscore.server;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import dev.boxscore.collector.CollectorRole;
import dev.boxscore.wire.KafkaTopics;
import dev.boxscore.wire.SpanRecordCodec;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * Rate limit per key, spans per request, the dead-letter topic, and Boxscore's own metrics at
 * /q/metrics.
 */
@QuarkusTest
class CollectorLimitsAndMetricsTest {
  @Inject CollectorRole collector;

  @Test
  void aKeyOverItsRateGets429WithRetryAfterOnHttpAndResourceExhaustedOnGrpc() {
    Projects.Created project = Projects.create("rate-" + UUID.randomUUID());
    String[] key = Projects.key(project.adminKey(), List.of("ingest"), 1);
    ExportTraceServiceRequest request = OtlpRequests.spanOf(traceId(1), "rate", "rated");
    ManagedChannel channel = OtlpRequests.channel(collector.grpcPort());
    try {
      // Connected first (a refused key costs no budget), so the three calls below follow each other
      // closely.
      assertThat(OtlpRequests.grpc(channel, "bx_unknown", new byte[0]).getCode())
          .isEqualTo(Status.Code.UNAUTHENTICATED);
      assertThat(OtlpRequests.post(collector.httpPort(), key[0], request).statusCode())
          .isEqualTo(200);
      HttpResponse<byte[]> limited = OtlpRequests.post(collector.httpPort(), key[0], request);
      Status status = OtlpRequests.grpc(channel, key[0], request.toByteArray());
      assertThat(limited.statusCode()).isEqualTo(429);
      assertThat(limited.headers().firstValue("Retry-After"))
          .hasValueSatisfying(v -> assertThat(Integer.parseInt(v)).isPositive());
      assertThat(new String(limited.body(), StandardCharsets.UTF_8)).contains("rate limit");
      assertThat(status.getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
      assertThat(status.getDescription()).contains("rate limit");
    } finally {
      channel.shutdownNow();
    }
    // Another key of the same project has its own budget.
    String[] other = Projects.key(project.adminKey(), List.of("ingest"), 1);
    assertThat(OtlpRequests.post(collector.httpPort(), other[0], request).statusCode())
        .isEqualTo(200);
  }

  @Test
  void tooManySpansInOneRequestIs413NamingTheLimit() {
    ExportTraceServiceRequest.Builder b = OtlpRequests.spanOf(traceId(2), "many", "s").toBuilder();
    ScopeSpans.Builder scope = b.getResourceSpansBuilder(0).getScopeSpansBuilder(0);
    Span template = scope.getSpans(0);
    for (int i = 1; i <= 50_000; i++) {
      scope.addSpans(
          template.toBuilder()
              .setSpanId(
                  ByteString.copyFrom(java.nio.ByteBuffer.allocate(8).putLong(i + 1).array())));
    }
    HttpResponse<byte[]> r =
        OtlpRequests.post(collector.httpPort(), EmbeddedInfrastructure.API_KEY, b.build());
    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(new String(r.body(), StandardCharsets.UTF_8))
        .contains("50001 spans", "at most 50000");
  }

  @Test
  void undecodableRecordsGoToTheDeadLetterTopicWithTheReasonAndIngestGoesOn() throws Exception {
    double dlqBefore = metric("boxscore_dlq_records_total");
    String marker = "garbage-" + UUID.randomUUID();
    Properties p = new Properties();
    p.putAll(KafkaTestClients.infrastructure());
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      producer
          .send(
              new ProducerRecord<>(
                  KafkaTopics.SPANS,
                  marker.getBytes(StandardCharsets.UTF_8),
                  "not a span record".getBytes(StandardCharsets.UTF_8)))
          .get();
    }
    // Ingest keeps going: a trace sent after the bad record is stored.
    String traceId = traceId(3);
    assertThat(
            OtlpRequests.post(
                    collector.httpPort(),
                    EmbeddedInfrastructure.API_KEY,
                    OtlpRequests.spanOf(traceId, "after-dlq", "after"))
                .statusCode())
        .isEqualTo(200);
    PipelineTest.awaitTrace(traceId, 1);

    Properties c = new Properties();
    c.putAll(KafkaTestClients.infrastructure());
    c.put(ConsumerConfig.GROUP_ID_CONFIG, "dlq-test-" + UUID.randomUUID());
    c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(KafkaTopics.DEAD_LETTER));
      String[] reason = new String[1];
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                  if (marker.equals(new String(r.key(), StandardCharsets.UTF_8))) {
                    reason[0] =
                        new String(
                            r.headers().lastHeader(SpanRecordCodec.REASON_HEADER).value(),
                            StandardCharsets.UTF_8);
                    assertThat(r.value())
                        .isEqualTo("not a span record".getBytes(StandardCharsets.UTF_8));
                  }
                }
                return reason[0] != null;
              });
      assertThat(reason[0]).startsWith("undecodable");
    }
    assertThat(metric("boxscore_dlq_records_total")).isGreaterThanOrEqualTo(dlqBefore + 1);
  }

  @Test
  void metricsCountSpansReceivedRejectedAndStored() {
    double received = metric("boxscore_spans_received_total");
    double stored = metric("boxscore_spans_stored_total");
    double unauthorized = metric("boxscore_otlp_requests_rejected_total{reason=\"unauthorized\"}");
    String traceId = traceId(4);
    assertThat(
            OtlpRequests.post(
                    collector.httpPort(),
                    EmbeddedInfrastructure.API_KEY,
                    OtlpRequests.spanOf(traceId, "metrics", "m"))
                .statusCode())
        .isEqualTo(200);
    assertThat(
            OtlpRequests.post(
                    collector.httpPort(),
                    "bx_not_a_key",
                    OtlpRequests.spanOf(traceId, "metrics", "m"))
                .statusCode())
        .isEqualTo(401);
    PipelineTest.awaitTrace(traceId, 1);
    assertThat(metric("boxscore_spans_received_total")).isGreaterThanOrEqualTo(received + 1);
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(metric("boxscore_spans_stored_total"))
                    .isGreaterThanOrEqualTo(stored + 1));
    assertThat(metric("boxscore_otlp_requests_rejected_total{reason=\"unauthorized\"}"))
        .isEqualTo(unauthorized + 1);
    String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
    assertThat(text)
        .contains(
            "boxscore_ingest_consumer_lag",
            "boxscore_ingest_insert_seconds_count",
            "boxscore_dlq_records_total",
            "boxscore_spans_duplicates_total");
  }

  /**
   * A sample's value from /q/metrics (0 when absent); {@code name} may carry labels in Prometheus
   * syntax.
   */
  static double metric(String name) {
    String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
    String base = name.contains("{") ? name.substring(0, name.indexOf('{')) : name;
    Map<String, String> wanted = labels(name);
    double total = 0;
    Matcher m =
        Pattern.compile("(?m)^" + Pattern.quote(base) + "(\\{[^}]*\\})? (\\S+)$").matcher(text);
    while (m.find()) {
      if (labels(base + (m.group(1) == null ? "" : m.group(1)))
          .entrySet()
          .containsAll(wanted.entrySet())) {
        total += Double.parseDouble(m.group(2));
      }
    }
    return total;
  }

  private static Map<String, String> labels(String sample) {
    Map<String, String> labels = new java.util.HashMap<>();
    int open = sample.indexOf('{');
    if (open < 0) return labels;
    Matcher m = Pattern.compile("(\\w+)=\"([^\"]*)\"").matcher(sample.substring(open));
    while (m.find()) labels.put(m.group(1), m.group(2));
    return labels;
  }

  private static String traceId(int n) {
    byte[] id = new byte[16];
    new java.util.Random(UUID.randomUUID().hashCode() + n).nextBytes(id);
    id[0] |= 1;
    return HexFormat.of().formatHex(id);
  }
}
