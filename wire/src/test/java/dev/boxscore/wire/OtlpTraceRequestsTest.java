package dev.boxscore.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OtlpTraceRequestsTest {
  private static final String TRACE_A = "5b8efff798038103d269b633813fc60c";
  private static final String TRACE_B = "0af7651916cd43dd8448eb211c80319c";

  @Test
  void anIntegerWithAHugeExponentIsRefusedNamingTheFieldInsteadOfComputingIt() {
    // Found by the server's FuzzTest: protobuf's JSON parser turned this into a 100-million-digit
    // BigInteger.
    String body =
        "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":\"ff4b42e0b93f4043bdb64b894ee35995\","
            + "\"spanId\":\"6d24a65c4d88387b\",\"name\":\"x\",\"startTimeUnixNano\":\"1\","
            + "\"events\":[{\"timeUnixNano\":\"179591186246001e99900000\"}]}]}]}]}";
    assertThatThrownBy(() -> OtlpTraceRequests.parseJson(body.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(InvalidOtlpException.class)
        .hasMessageContaining("events[0].timeUnixNano");
    String attribute =
        body.replace(
                "\"name\":\"x\"",
                "\"name\":\"x\",\"attributes\":[{\"key\":\"n\",\"value\":{\"intValue\":\"1e99999999\"}}]")
            .replace("179591186246001e99900000", "1");
    assertThatThrownBy(
            () -> OtlpTraceRequests.parseJson(attribute.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(InvalidOtlpException.class)
        .hasMessageContaining("intValue");
  }

  @Test
  void jsonIdsAreHexAsTheOtlpSpecSays() throws Exception {
    String json =
        """
        {"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"checkout"}}]},
          "scopeSpans":[{"scope":{"name":"manual"},"spans":[{"traceId":"%s","spanId":"eee19b7ec3c1b174",
          "parentSpanId":"eee19b7ec3c1b173","name":"chat gpt-4o","kind":3,"startTimeUnixNano":"1544712660000000000",
          "endTimeUnixNano":"1544712661000000000","attributes":[{"key":"traceId","value":{"stringValue":"not-an-id"}},
          {"key":"gen_ai.usage.input_tokens","value":{"intValue":"42"}}]}]}]}]}
        """
            .formatted(TRACE_A);
    ExportTraceServiceRequest request =
        OtlpTraceRequests.parseJson(json.getBytes(StandardCharsets.UTF_8));

    Span span = request.getResourceSpans(0).getScopeSpans(0).getSpans(0);
    assertThat(OtlpValues.hex(span.getTraceId())).isEqualTo(TRACE_A);
    assertThat(OtlpValues.hex(span.getSpanId())).isEqualTo("eee19b7ec3c1b174");
    assertThat(OtlpValues.hex(span.getParentSpanId())).isEqualTo("eee19b7ec3c1b173");
    assertThat(span.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_CLIENT);
    assertThat(span.getStartTimeUnixNano()).isEqualTo(1544712660000000000L);
    assertThat(span.getAttributes(0).getValue().getStringValue()).isEqualTo("not-an-id");
    assertThat(span.getAttributes(1).getValue().getIntValue()).isEqualTo(42);
    assertThat(OtlpTraceRequests.serviceName(request.getResourceSpans(0).getResource()))
        .isEqualTo("checkout");
  }

  @Test
  void malformedJsonNamesTheProblem() {
    assertThatThrownBy(() -> OtlpTraceRequests.parseJson("{\"resourceSpans\":[".getBytes()))
        .isInstanceOf(InvalidOtlpException.class)
        .hasMessageContaining("not valid JSON");
    assertThatThrownBy(() -> OtlpTraceRequests.parseJson("[1,2]".getBytes()))
        .isInstanceOf(InvalidOtlpException.class)
        .hasMessageContaining("JSON object");
    assertThatThrownBy(
            () ->
                OtlpTraceRequests.parseJson(
                    "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":\"xyz\"}]}]}]}"
                        .getBytes()))
        .isInstanceOf(InvalidOtlpException.class)
        .hasMessageContaining("resourceSpans[0].scopeSpans[0].spans[0].traceId");
    assertThatThrownBy(
            () ->
                OtlpTraceRequests.parseJson("{\"resourceSpans\":[{\"scopeSpans\":7}]}".getBytes()))
        .isInstanceOf(InvalidOtlpException.class)
        .hasMessageContaining("OTLP/JSON");
  }

  @Test
  void garbageProtobufIsRejected() {
    assertThatThrownBy(() -> OtlpTraceRequests.parseProtobuf(new byte[] {(byte) 0xff, 0x01, 0x02}))
        .isInstanceOf(InvalidOtlpException.class)
        .hasMessageContaining("protobuf");
  }

  @Test
  void splitByTraceKeepsResourceAndScopeOfEverySpan() {
    Resource checkout = resource("checkout");
    Resource billing = resource("billing");
    ExportTraceServiceRequest request =
        ExportTraceServiceRequest.newBuilder()
            .addResourceSpans(
                ResourceSpans.newBuilder()
                    .setResource(checkout)
                    .addScopeSpans(
                        ScopeSpans.newBuilder()
                            .addSpans(span(TRACE_A, "a1"))
                            .addSpans(span(TRACE_B, "b1"))
                            .addSpans(span(TRACE_A, "a2"))))
            .addResourceSpans(
                ResourceSpans.newBuilder()
                    .setResource(billing)
                    .addScopeSpans(ScopeSpans.newBuilder().addSpans(span(TRACE_A, "a3"))))
            .build();

    Map<String, ExportTraceServiceRequest> split = OtlpTraceRequests.splitByTrace(request);

    assertThat(split).containsOnlyKeys(TRACE_A, TRACE_B);
    ExportTraceServiceRequest a = split.get(TRACE_A);
    assertThat(OtlpTraceRequests.spanCount(a)).isEqualTo(3);
    assertThat(a.getResourceSpansList())
        .extracting(ResourceSpans::getResource)
        .containsExactly(checkout, billing);
    assertThat(a.getResourceSpans(0).getScopeSpans(0).getSpansList())
        .extracting(Span::getName)
        .containsExactly("a1", "a2");
    assertThat(OtlpTraceRequests.spanCount(split.get(TRACE_B))).isEqualTo(1);
    assertThat(OtlpTraceRequests.spanCount(request)).isEqualTo(4);
  }

  static Resource resource(String service) {
    return Resource.newBuilder()
        .addAttributes(
            KeyValue.newBuilder()
                .setKey("service.name")
                .setValue(AnyValue.newBuilder().setStringValue(service)))
        .build();
  }

  static Span span(String traceId, String name) {
    return Span.newBuilder()
        .setTraceId(ByteString.copyFrom(HexFormat.of().parseHex(traceId)))
        .setSpanId(ByteString.copyFrom(new byte[] {1, 2, 3, 4, 5, 6, 7, (byte) name.hashCode()}))
        .setName(name)
        .build();
  }
}
