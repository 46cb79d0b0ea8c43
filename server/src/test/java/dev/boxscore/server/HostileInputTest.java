package dev.boxscore.server;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import dev.boxscore.collector.CollectorRole;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Stored content is data, never code: hostile names and values go through every ingest path
 * (OTLP/HTTP protobuf, OTLP/HTTP JSON, OTLP/gRPC) and come back verbatim, or cut with a marker when
 * too long.
 */
@QuarkusTest
class HostileInputTest {
  static final String HOSTILE =
      "text\n\nDROP TABLE spans;\n\n'); DROP TABLE boxscore.spans; --\r\n\u0000NUL\u0001\u0007\u001b[31mred\u007f"
          + " \\N \\' \" {project:String} ${jndi:ldap://x} <script>alert(1)</script> ünïcødé 😀 \uFFFF";

  // Fresh ids per test: JUnit makes one instance per test, and a repeated id would (rightly) be
  // dropped as a duplicate.
  private final Random random = new java.security.SecureRandom();
  @Inject CollectorRole collector;

  @Test
  void hostileValuesThroughHttpProtobufAreStoredVerbatim() {
    String traceId = newTraceId();
    HttpResponse<byte[]> r =
        OtlpRequests.post(collector.httpPort(), EmbeddedInfrastructure.API_KEY, request(traceId));
    assertThat(r.statusCode()).isEqualTo(200);
    assertVerbatim(traceId);
  }

  @Test
  void hostileValuesThroughHttpJsonAreStoredVerbatim() throws Exception {
    String traceId = newTraceId();
    HttpResponse<byte[]> r =
        OtlpRequests.post(
            collector.httpPort(),
            EmbeddedInfrastructure.API_KEY,
            "application/json",
            json(traceId));
    assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
    assertVerbatim(traceId);
  }

  @Test
  void hostileValuesThroughGrpcAreStoredVerbatim() {
    String traceId = newTraceId();
    ManagedChannel channel = OtlpRequests.channel(collector.grpcPort());
    try {
      assertThat(
              OtlpRequests.grpc(
                      channel, EmbeddedInfrastructure.API_KEY, request(traceId).toByteArray())
                  .getCode())
          .isEqualTo(Status.Code.OK);
    } finally {
      channel.shutdownNow();
    }
    assertVerbatim(traceId);
  }

  @Test
  void invalidUtf8InAStringIsA400WithAMessageAndBytesAreKeptAsBase64() {
    // proto3 strings must be UTF-8: a request breaking that is refused whole, with the reason.
    String traceId = newTraceId();
    byte[] body = request(traceId).toByteArray();
    byte[] marker = "ünïcødé".getBytes(StandardCharsets.UTF_8);
    int at = indexOf(body, marker);
    body[at] = (byte) 0xC3;
    body[at + 1] = (byte) 0x28; // an invalid two-byte sequence
    HttpResponse<byte[]> refused =
        OtlpRequests.post(
            collector.httpPort(), EmbeddedInfrastructure.API_KEY, "application/x-protobuf", body);
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(new String(refused.body(), StandardCharsets.ISO_8859_1))
        .containsIgnoringCase("UTF-8");

    // Arbitrary bytes belong in a bytes value: stored, and returned as their base64.
    byte[] raw = {(byte) 0xC3, 0x28, 0, (byte) 0xFF, '\n', '\'', ';'};
    String bytesTrace = newTraceId();
    ExportTraceServiceRequest.Builder b =
        OtlpRequests.spanOf(bytesTrace, "hostile-bytes", "bytes").toBuilder();
    b.getResourceSpansBuilder(0)
        .getScopeSpansBuilder(0)
        .getSpansBuilder(0)
        .addAttributes(
            KeyValue.newBuilder()
                .setKey("raw")
                .setValue(AnyValue.newBuilder().setBytesValue(ByteString.copyFrom(raw))));
    assertThat(
            OtlpRequests.post(collector.httpPort(), EmbeddedInfrastructure.API_KEY, b.build())
                .statusCode())
        .isEqualTo(200);
    JsonPath trace = PipelineTest.awaitTrace(bytesTrace, 1);
    assertThat(Base64.getDecoder().decode(trace.getString("spans[0].attributes.raw")))
        .isEqualTo(raw);
  }

  @Test
  void aTooLongValueIsCutWithAMarkerAndTheRestOfTheBatchIsKept() {
    String traceId = newTraceId();
    String longValue = "x".repeat(70_000) + "END";
    ExportTraceServiceRequest.Builder b = request(traceId).toBuilder();
    Span.Builder span = b.getResourceSpansBuilder(0).getScopeSpansBuilder(0).getSpansBuilder(0);
    span.addAttributes(OtlpRequests.attr("longValue", longValue));
    for (int i = 0; i < 300; i++) {
      span.addAttributes(OtlpRequests.attr("extra." + i, "v" + i));
    }
    assertThat(
            OtlpRequests.post(collector.httpPort(), EmbeddedInfrastructure.API_KEY, b.build())
                .statusCode())
        .isEqualTo(200);
    JsonPath trace = PipelineTest.awaitTrace(traceId, 2);
    java.util.Map<String, Object> attributes =
        trace.getMap("spans.find { it.parentSpanId == null }.attributes");
    String stored = (String) attributes.get("longValue");
    assertThat(stored)
        .startsWith("x".repeat(65_536))
        .endsWith("…[truncated " + (70_003 - 65_536) + " chars]");
    // The other span of the batch is stored untouched; attributes beyond 256 per span are dropped.
    assertThat(trace.getList("spans.name")).contains(HOSTILE, "child");
    assertThat(attributes).hasSize(256).containsKey("note").doesNotContainKey("extra.299");
  }

  @Test
  void hostileFiltersAreJustValuesAndTheTableSurvives() {
    // Every filter of the query API, with injection strings: a normal answer or a 400 naming the
    // parameter.
    for (String attack :
        new String[] {
          "' OR '1'='1",
          "x'); DROP TABLE boxscore.spans; --",
          "\\' OR 1=1 --",
          "{project:String}",
          "\u0000",
          "1 UNION SELECT name FROM system.tables",
          "%27%20OR%201%3D1",
          "\n\nDROP TABLE spans\n"
        }) {
      given()
          .auth()
          .oauth2(EmbeddedInfrastructure.API_KEY)
          .queryParam("service", attack)
          .queryParam("model", attack)
          .get("/api/v1/traces")
          .then()
          .statusCode(200)
          .body("traces.size()", org.hamcrest.Matchers.equalTo(0));
      for (String parameter : new String[] {"from", "to", "limit", "cursor"}) {
        given()
            .auth()
            .oauth2(EmbeddedInfrastructure.API_KEY)
            .queryParam(parameter, attack)
            .get("/api/v1/traces")
            .then()
            .statusCode(400)
            .body("message", org.hamcrest.Matchers.containsString(parameter));
      }
    }
    given()
        .auth()
        .oauth2(EmbeddedInfrastructure.API_KEY)
        .get("/api/v1/traces/' OR 1=1 --")
        .then()
        .statusCode(400)
        .body("message", org.hamcrest.Matchers.containsString("traceId"));
    assertThat(StoredSpans.query("EXISTS TABLE boxscore.spans FORMAT TabSeparated").strip())
        .isEqualTo("1");
  }

  private void assertVerbatim(String traceId) {
    JsonPath trace = PipelineTest.awaitTrace(traceId, 2);
    String path = "spans.find { it.parentSpanId == null }";
    assertThat(trace.getString(path + ".name")).isEqualTo(HOSTILE);
    assertThat(trace.getString(path + ".statusMessage")).isEqualTo(HOSTILE);
    assertThat(trace.getString(path + ".attributes.note")).isEqualTo(HOSTILE);
    assertThat(trace.getString(path + ".attributes.sql")).isEqualTo("SELECT 1; DROP TABLE spans");
    assertThat(trace.getString(path + ".attributes.big")).isEqualTo(Long.toString(Long.MAX_VALUE));
    assertThat(trace.getString(path + ".attributes.small"))
        .isEqualTo(Long.toString(Long.MIN_VALUE));
    assertThat(trace.getString(path + ".attributes.huge"))
        .isEqualTo(Double.toString(Double.MAX_VALUE));
    assertThat(trace.getString(path + ".service")).isEqualTo(HOSTILE);
    // The hostile service is a filter value like any other: it finds exactly its traces.
    assertThat(
            given()
                .auth()
                .oauth2(EmbeddedInfrastructure.API_KEY)
                .queryParam("service", HOSTILE)
                .queryParam("from", java.time.Instant.now().minus(Duration.ofHours(1)).toString())
                .get("/api/v1/traces")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("traces.traceId"))
        .contains(traceId);
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(
                        StoredSpans.query("EXISTS TABLE boxscore.spans FORMAT TabSeparated")
                            .strip())
                    .isEqualTo("1"));
  }

  private String newTraceId() {
    byte[] id = new byte[16];
    random.nextBytes(id);
    id[0] |= 1;
    return HexFormat.of().formatHex(id);
  }

  private ExportTraceServiceRequest request(String traceId) {
    ExportTraceServiceRequest.Builder b =
        OtlpRequests.spanOf(traceId, HOSTILE, HOSTILE).toBuilder();
    Span.Builder root = b.getResourceSpansBuilder(0).getScopeSpansBuilder(0).getSpansBuilder(0);
    root.setStatus(
            io.opentelemetry.proto.trace.v1.Status.newBuilder()
                .setCode(io.opentelemetry.proto.trace.v1.Status.StatusCode.STATUS_CODE_ERROR)
                .setMessage(HOSTILE))
        .addAttributes(OtlpRequests.attr("note", HOSTILE))
        .addAttributes(OtlpRequests.attr("sql", "SELECT 1; DROP TABLE spans"))
        .addAttributes(
            KeyValue.newBuilder()
                .setKey("big")
                .setValue(AnyValue.newBuilder().setIntValue(Long.MAX_VALUE)))
        .addAttributes(
            KeyValue.newBuilder()
                .setKey("small")
                .setValue(AnyValue.newBuilder().setIntValue(Long.MIN_VALUE)))
        .addAttributes(
            KeyValue.newBuilder()
                .setKey("huge")
                .setValue(AnyValue.newBuilder().setDoubleValue(Double.MAX_VALUE)));
    Span child =
        root.build().toBuilder()
            .clearAttributes()
            .clearStatus()
            .setName("child")
            .setParentSpanId(root.getSpanId())
            .setSpanId(ByteString.copyFrom(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}))
            .build();
    b.getResourceSpansBuilder(0).getScopeSpansBuilder(0).addSpans(child);
    return b.build();
  }

  /**
   * The same request in OTLP/JSON (hex ids, int64 as strings), written by a JSON library so escapes
   * are right.
   */
  private byte[] json(String traceId) throws Exception {
    ExportTraceServiceRequest proto = request(traceId);
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = mapper.createObjectNode();
    ObjectNode rs = root.putArray("resourceSpans").addObject();
    rs.putObject("resource")
        .putArray("attributes")
        .addObject()
        .put("key", "service.name")
        .putObject("value")
        .put("stringValue", HOSTILE);
    ArrayNode spans = rs.putArray("scopeSpans").addObject().putArray("spans");
    for (Span s : proto.getResourceSpans(0).getScopeSpans(0).getSpansList()) {
      ObjectNode span = spans.addObject();
      span.put("traceId", traceId)
          .put("spanId", HexFormat.of().formatHex(s.getSpanId().toByteArray()))
          .put("name", s.getName())
          .put("startTimeUnixNano", Long.toString(s.getStartTimeUnixNano()))
          .put("endTimeUnixNano", Long.toString(s.getEndTimeUnixNano()));
      if (!s.getParentSpanId().isEmpty()) {
        span.put("parentSpanId", HexFormat.of().formatHex(s.getParentSpanId().toByteArray()));
      }
      if (s.hasStatus()) {
        span.putObject("status").put("code", 2).put("message", s.getStatus().getMessage());
      }
      ArrayNode attributes = span.putArray("attributes");
      for (KeyValue kv : s.getAttributesList()) {
        ObjectNode value = attributes.addObject().put("key", kv.getKey()).putObject("value");
        switch (kv.getValue().getValueCase()) {
          case STRING_VALUE -> value.put("stringValue", kv.getValue().getStringValue());
          case INT_VALUE -> value.put("intValue", Long.toString(kv.getValue().getIntValue()));
          case DOUBLE_VALUE -> value.put("doubleValue", kv.getValue().getDoubleValue());
          default -> throw new IllegalStateException();
        }
      }
    }
    return mapper.writeValueAsBytes(root);
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) continue outer;
      }
      return i;
    }
    throw new IllegalArgumentException("not found");
  }

  static long nowNanos() {
    return TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis());
  }
}
