package dev.boxscore.collector.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the collector cuts instead of refusing: strings past the value limit keep their start plus a
 * marker naming how much was cut, attributes past the count limit are dropped and counted; at the
 * limits nothing changes.
 */
class SpanLimitsTest {
  private static final int MAX_ATTRIBUTES = 3;
  private static final int MAX_CHARS = 10;

  private static KeyValue attr(String key, String value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setStringValue(value))
        .build();
  }

  private static KeyValue attr(String key, AnyValue value) {
    return KeyValue.newBuilder().setKey(key).setValue(value).build();
  }

  private static ExportTraceServiceRequest request(Resource resource, Span span) {
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(
            ResourceSpans.newBuilder()
                .setResource(resource)
                .addScopeSpans(ScopeSpans.newBuilder().addSpans(span)))
        .build();
  }

  private static ExportTraceServiceRequest request(Span span) {
    return request(Resource.getDefaultInstance(), span);
  }

  private static SpanLimits.Result apply(ExportTraceServiceRequest request) {
    return SpanLimits.apply(request, MAX_ATTRIBUTES, MAX_CHARS);
  }

  private static Span only(SpanLimits.Result result) {
    return result.request().getResourceSpans(0).getScopeSpans(0).getSpans(0);
  }

  @Test
  void aRequestAtEveryLimitIsPassedOnAsItIs() {
    Span span =
        Span.newBuilder()
            .setName("x".repeat(MAX_CHARS))
            .setStatus(Status.newBuilder().setMessage("m".repeat(MAX_CHARS)))
            .addAllAttributes(
                List.of(
                    attr("a", "1".repeat(MAX_CHARS)),
                    attr("b", "2"),
                    attr("k".repeat(MAX_CHARS), "3")))
            .addEvents(Span.Event.newBuilder().setName("e".repeat(MAX_CHARS)))
            .build();
    ExportTraceServiceRequest request = request(span);
    SpanLimits.Result result = apply(request);
    assertThat(result.truncations()).isZero();
    assertThat(result.request()).isSameAs(request);
  }

  @Test
  void aLongNameOrStatusMessageKeepsItsStartAndSaysHowMuchWasCut() {
    Span span =
        Span.newBuilder()
            .setName("0123456789ABC")
            .setStatus(
                Status.newBuilder()
                    .setCode(Status.StatusCode.STATUS_CODE_ERROR)
                    .setMessage("m".repeat(25)))
            .build();
    SpanLimits.Result result = apply(request(span));
    assertThat(only(result).getName()).isEqualTo("0123456789" + SpanLimits.MARKER + "3 chars]");
    assertThat(only(result).getStatus().getMessage())
        .isEqualTo("m".repeat(10) + "…[truncated 15 chars]");
    assertThat(only(result).getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
    assertThat(result.truncations()).isEqualTo(2);
  }

  @Test
  void aLongAttributeKeyOrValueIsCutTheSameWay() {
    Span span =
        Span.newBuilder()
            .setName("ok")
            .addAttributes(attr("prompt", "p".repeat(11)))
            .addAttributes(attr("k".repeat(12), "v"))
            .build();
    SpanLimits.Result result = apply(request(span));
    assertThat(only(result).getAttributesList())
        .containsExactly(
            attr("prompt", "p".repeat(10) + "…[truncated 1 chars]"),
            attr("k".repeat(10) + "…[truncated 2 chars]", "v"));
    assertThat(result.truncations()).isEqualTo(2);
  }

  @Test
  void attributesPastTheCountAreDroppedAndAddedToTheDroppedCount() {
    Span span =
        Span.newBuilder()
            .setName("ok")
            .setDroppedAttributesCount(4)
            .addAllAttributes(
                List.of(
                    attr("a", "1"), attr("b", "2"), attr("c", "3"), attr("d", "4"), attr("e", "5")))
            .build();
    SpanLimits.Result result = apply(request(span));
    assertThat(only(result).getAttributesList())
        .extracting(KeyValue::getKey)
        .containsExactly("a", "b", "c");
    assertThat(only(result).getDroppedAttributesCount()).isEqualTo(4 + 2);
    assertThat(result.truncations()).isEqualTo(1);
  }

  @Test
  void resourceEventAndLinkAttributesAreLimitedToo() {
    Resource resource =
        Resource.newBuilder()
            .addAllAttributes(
                List.of(attr("svc", "checkout"), attr("r2", "2"), attr("r3", "3"), attr("r4", "4")))
            .build();
    Span span =
        Span.newBuilder()
            .setName("ok")
            .addEvents(
                Span.Event.newBuilder()
                    .setName("exception-event")
                    .addAllAttributes(
                        List.of(attr("a", "1"), attr("b", "2"), attr("c", "3"), attr("d", "4"))))
            .addLinks(
                Span.Link.newBuilder()
                    .setDroppedAttributesCount(1)
                    .addAllAttributes(
                        List.of(attr("a", "1"), attr("b", "2"), attr("c", "3"), attr("d", "4"))))
            .build();
    SpanLimits.Result result = apply(request(resource, span));
    Resource limited = result.request().getResourceSpans(0).getResource();
    assertThat(limited.getAttributesList())
        .extracting(KeyValue::getKey)
        .containsExactly("svc", "r2", "r3");
    assertThat(limited.getDroppedAttributesCount()).isEqualTo(1);
    Span.Event event = only(result).getEvents(0);
    assertThat(event.getName()).isEqualTo("exception-" + SpanLimits.MARKER + "5 chars]");
    assertThat(event.getAttributesCount()).isEqualTo(3);
    assertThat(event.getDroppedAttributesCount()).isEqualTo(1);
    Span.Link link = only(result).getLinks(0);
    assertThat(link.getAttributesCount()).isEqualTo(3);
    assertThat(link.getDroppedAttributesCount()).isEqualTo(1 + 1);
    // Resource, event attributes, event name, link attributes.
    assertThat(result.truncations()).isEqualTo(4);
  }

  @Test
  void nestedValuesAreLimitedAtEveryDepth() {
    AnyValue array =
        AnyValue.newBuilder()
            .setArrayValue(
                ArrayValue.newBuilder()
                    .addValues(AnyValue.newBuilder().setStringValue("s".repeat(12)))
                    .addValues(AnyValue.newBuilder().setIntValue(2))
                    .addValues(AnyValue.newBuilder().setIntValue(3))
                    .addValues(AnyValue.newBuilder().setIntValue(4)))
            .build();
    AnyValue map =
        AnyValue.newBuilder()
            .setKvlistValue(
                KeyValueList.newBuilder()
                    .addValues(attr("inner", "i".repeat(11)))
                    .addValues(attr("b", "2"))
                    .addValues(attr("c", "3"))
                    .addValues(attr("d", "4")))
            .build();
    Span span =
        Span.newBuilder()
            .setName("ok")
            .addAttributes(attr("list", array))
            .addAttributes(attr("map", map))
            .build();
    SpanLimits.Result result = apply(request(span));
    ArrayValue list = only(result).getAttributes(0).getValue().getArrayValue();
    assertThat(list.getValuesList())
        .containsExactly(
            AnyValue.newBuilder().setStringValue("s".repeat(10) + "…[truncated 2 chars]").build(),
            AnyValue.newBuilder().setIntValue(2).build(),
            AnyValue.newBuilder().setIntValue(3).build());
    KeyValueList inner = only(result).getAttributes(1).getValue().getKvlistValue();
    assertThat(inner.getValuesList())
        .containsExactly(
            attr("inner", "i".repeat(10) + "…[truncated 1 chars]"), attr("b", "2"), attr("c", "3"));
  }

  @Test
  void bytesAreCutToTheLimitWithoutAMarkerAndOtherValuesAreKept() {
    AnyValue bytes = AnyValue.newBuilder().setBytesValue(ByteString.copyFrom(new byte[15])).build();
    AnyValue number = AnyValue.newBuilder().setDoubleValue(Double.MAX_VALUE).build();
    AnyValue flag = AnyValue.newBuilder().setBoolValue(true).build();
    Span span =
        Span.newBuilder()
            .setName("n".repeat(11))
            .addAttributes(attr("bytes", bytes))
            .addAttributes(attr("number", number))
            .addAttributes(attr("flag", flag))
            .build();
    Span limited = only(apply(request(span)));
    assertThat(limited.getAttributes(0).getValue().getBytesValue().size()).isEqualTo(MAX_CHARS);
    assertThat(limited.getAttributes(1).getValue()).isEqualTo(number);
    assertThat(limited.getAttributes(2).getValue()).isEqualTo(flag);
  }

  @Test
  void aCutNeverSplitsASurrogatePair() {
    // "😀" is two chars; the limit falls between them, so the cut keeps 9 chars and counts the
    // other 3.
    String name = "123456789" + "😀" + "xy";
    Span limited = only(apply(request(Span.newBuilder().setName(name).build())));
    assertThat(limited.getName()).isEqualTo("123456789" + SpanLimits.MARKER + "4 chars]");
    String whole = "12345678" + "😀" + "xyz";
    assertThat(only(apply(request(Span.newBuilder().setName(whole).build()))).getName())
        .isEqualTo("12345678😀" + SpanLimits.MARKER + "3 chars]");
  }

  @Test
  void idsTimesAndTheRestOfTheSpanAreKept() {
    Span span =
        Span.newBuilder()
            .setTraceId(
                ByteString.copyFrom(
                    new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}))
            .setSpanId(ByteString.copyFrom(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}))
            .setKind(Span.SpanKind.SPAN_KIND_CLIENT)
            .setStartTimeUnixNano(10)
            .setEndTimeUnixNano(20)
            .setName("n".repeat(11))
            .build();
    Span limited = only(apply(request(span)));
    assertThat(limited.toBuilder().setName(span.getName()).build()).isEqualTo(span);
  }
}
