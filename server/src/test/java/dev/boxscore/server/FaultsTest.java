package dev.boxscore.server;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import dev.boxscore.collector.CollectorRole;
import dev.boxscore.ingest.kafka.SpanConsumerLoop;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Kafka down, ClickHouse down, the same request twice, hostile values: nothing acknowledged is lost
 * or doubled.
 */
@QuarkusTest
class FaultsTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private final Random random = new java.security.SecureRandom();
  @Inject CollectorRole collector;

  @Test
  void kafkaDownIs503WithRetryAfterThenSuccessAndNothingLost() throws Exception {
    String service = "kafka-outage-" + UUID.randomUUID();
    ExportTraceServiceRequest request = trace(service, 3, "plain");
    String traceId = HexFormat.of().formatHex(traceIdOf(request));

    OneMachine machine = EmbeddedInfrastructure.machine();
    machine.kafka().stop();
    try {
      HttpResponse<byte[]> refused = post(request);
      assertThat(refused.statusCode()).isEqualTo(503);
      assertThat(refused.headers().firstValue("Retry-After")).contains("2");
    } finally {
      machine.kafka().start();
    }
    // What an OTLP exporter does after a 503: retry until accepted.
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> post(request).statusCode() == 200);

    PipelineTest.awaitTrace(traceId, 3);
    assertThat(PipelineTest.traceIds(service, 100, null)).containsExactly(traceId);
  }

  /**
   * How long ClickHouse stays away, {@code boxscore.faults.clickhouse-outage} (an ISO-8601
   * duration; default a few seconds). A manual run with {@code PT6M} outlasts the consumer's
   * max.poll.interval (5 min): ingest keeps its group membership by polling its paused partitions,
   * so nothing is replayed twice or lost when the engine returns.
   */
  static final Duration CLICKHOUSE_OUTAGE =
      Duration.parse(System.getProperty("boxscore.faults.clickhouse-outage", "PT3S"));

  @Test
  void clickHouseDownDuringIngestLosesNothingAndDuplicatesNothing() throws Exception {
    String service = "clickhouse-outage-" + UUID.randomUUID();
    OneMachine machine = EmbeddedInfrastructure.machine();
    List<String> traceIds = new ArrayList<>();
    LogCapture ingestLog = LogCapture.of(SpanConsumerLoop.class);
    machine.clickHouse().stopServer();
    long downSince = System.nanoTime();
    try {
      for (int i = 0; i < 20; i++) {
        ExportTraceServiceRequest request = trace(service, 2, "plain");
        traceIds.add(HexFormat.of().formatHex(traceIdOf(request)));
        assertThat(post(request).statusCode()).isEqualTo(200);
      }
      given()
          .auth()
          .oauth2(EmbeddedInfrastructure.API_KEY)
          .get("/api/v1/traces")
          .then()
          .statusCode(503)
          .header("Retry-After", "5");
      // Ingest met the outage: it tried to write these spans, failed, and retries (what it logs
      // once per outage).
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(50))
          .until(() -> ingestLog.contains("spans failed (1 attempts"));
      // The rest of the outage, with traffic still acknowledged now and then (Kafka holds it).
      // Pacing only: the
      // outage's length is the test's setting; nothing is assumed to have happened during it.
      while (System.nanoTime() - downSince < CLICKHOUSE_OUTAGE.toNanos()) {
        await()
            .pollDelay(
                Duration.ofMillis(
                    Math.min(
                        10_000,
                        Math.max(
                            1,
                            CLICKHOUSE_OUTAGE.toMillis()
                                - (System.nanoTime() - downSince) / 1_000_000))))
            .atMost(Duration.ofSeconds(15))
            .until(() -> true);
        ExportTraceServiceRequest request = trace(service, 2, "plain");
        traceIds.add(HexFormat.of().formatHex(traceIdOf(request)));
        assertThat(post(request).statusCode()).isEqualTo(200);
      }
    } finally {
      machine.clickHouse().startServer();
      ingestLog.close();
    }
    System.out.printf(
        "FaultsTest: ClickHouse down for %d s, %d traces acknowledged meanwhile%n",
        (System.nanoTime() - downSince) / 1_000_000_000, traceIds.size());
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> assertThat(PipelineTest.traceIds(service, 100, null)).hasSize(traceIds.size()));
    assertThat(PipelineTest.traceIds(service, 100, null))
        .containsExactlyInAnyOrderElementsOf(traceIds);
    for (String id : traceIds) {
      assertThat(PipelineTest.awaitTrace(id, 2).getList("spans")).hasSize(2);
    }
  }

  @Test
  void theSameRequestTwiceIsStoredOnce() throws Exception {
    String service = "duplicate-" + UUID.randomUUID();
    ExportTraceServiceRequest request = trace(service, 4, "plain");
    assertThat(post(request).statusCode()).isEqualTo(200);
    assertThat(post(request).statusCode()).isEqualTo(200);
    // A later request of the same trace (same Kafka key, so the same partition, after both copies):
    // once its span
    // is stored, ingest has read the second copy too, so a span it stored twice would show below.
    Span.Builder later =
        request.getResourceSpans(0).getScopeSpans(0).getSpans(1).toBuilder()
            .setSpanId(ByteString.copyFrom(HexFormat.of().parseHex("7e57000000000001")))
            .setName("later");
    ExportTraceServiceRequest marker =
        request.toBuilder()
            .setResourceSpans(
                0,
                request.getResourceSpans(0).toBuilder()
                    .setScopeSpans(0, ScopeSpans.newBuilder().addSpans(later)))
            .build();
    assertThat(post(marker).statusCode()).isEqualTo(200);
    String traceId = HexFormat.of().formatHex(traceIdOf(request));
    PipelineTest.awaitTrace(traceId, 5);
    assertThat(PipelineTest.traceIds(service, 100, null)).containsExactly(traceId);
    assertThat(
            given()
                .auth()
                .oauth2(EmbeddedInfrastructure.API_KEY)
                .queryParam("service", service)
                .get("/api/v1/traces")
                .then()
                .extract()
                .jsonPath()
                .getInt("traces[0].spanCount"))
        .isEqualTo(5);
    assertThat(
            StoredSpans.query(
                    "SELECT count() FROM boxscore.spans WHERE service = {s:String} FORMAT TabSeparated",
                    "s",
                    service)
                .strip())
        .as("rows without FINAL")
        .isEqualTo("5");
  }

  @Test
  void hostileValuesAreStoredVerbatimAndNeverRunAsSql() throws Exception {
    String service = "hostile-" + UUID.randomUUID();
    String hostile = "text\n\nDROP TABLE spans;\n\n' OR 1=1 -- \u0000 \u0007 ünïcødé";
    ExportTraceServiceRequest request = trace(service, 1, hostile);
    assertThat(post(request).statusCode()).isEqualTo(200);
    String traceId = HexFormat.of().formatHex(traceIdOf(request));
    var trace = PipelineTest.awaitTrace(traceId, 1);
    assertThat(trace.getString("spans[0].name")).isEqualTo(hostile);
    assertThat(trace.getString("spans[0].attributes.note")).isEqualTo(hostile);
    // The table is still there and still answers.
    assertThat(PipelineTest.traceIds(service, 10, null)).containsExactly(traceId);
  }

  private HttpResponse<byte[]> post(ExportTraceServiceRequest request) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + collector.httpPort() + "/v1/traces"))
            .header("Content-Type", "application/x-protobuf")
            .header("Authorization", "Bearer " + EmbeddedInfrastructure.API_KEY)
            .timeout(Duration.ofSeconds(30))
            .POST(HttpRequest.BodyPublishers.ofByteArray(request.toByteArray()))
            .build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  private static byte[] traceIdOf(ExportTraceServiceRequest request) {
    return request.getResourceSpans(0).getScopeSpans(0).getSpans(0).getTraceId().toByteArray();
  }

  /**
   * A trace of {@code spans} spans: a root and its children, named and annotated with {@code text}.
   */
  private ExportTraceServiceRequest trace(String service, int spans, String text) {
    byte[] traceId = new byte[16];
    random.nextBytes(traceId);
    traceId[0] |= 1;
    long start = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis());
    ScopeSpans.Builder scope = ScopeSpans.newBuilder();
    byte[] rootId = null;
    for (int i = 0; i < spans; i++) {
      byte[] spanId = new byte[8];
      random.nextBytes(spanId);
      spanId[0] |= 1;
      Span.Builder span =
          Span.newBuilder()
              .setTraceId(ByteString.copyFrom(traceId))
              .setSpanId(ByteString.copyFrom(spanId))
              .setName(text)
              .setStartTimeUnixNano(start + i)
              .setEndTimeUnixNano(start + 1_000_000 + i)
              .addAttributes(
                  KeyValue.newBuilder()
                      .setKey("note")
                      .setValue(AnyValue.newBuilder().setStringValue(text)));
      if (rootId != null) {
        span.setParentSpanId(ByteString.copyFrom(rootId));
      } else {
        rootId = spanId;
      }
      scope.addSpans(span);
    }
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(
            ResourceSpans.newBuilder()
                .setResource(
                    Resource.newBuilder()
                        .addAttributes(
                            KeyValue.newBuilder()
                                .setKey("service.name")
                                .setValue(AnyValue.newBuilder().setStringValue(service))))
                .addScopeSpans(scope))
        .build();
  }
}
