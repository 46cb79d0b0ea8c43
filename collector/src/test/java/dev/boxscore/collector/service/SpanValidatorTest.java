package dev.boxscore.collector.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import org.junit.jupiter.api.Test;

class SpanValidatorTest {
  private static final ByteString TRACE = ByteString.copyFrom(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16});
  private static final ByteString SPAN = ByteString.copyFrom(new byte[] {1, 2, 3, 4, 5, 6, 7, 8});

  @Test
  void validSpansPassUntouched() {
    ExportTraceServiceRequest request = request(valid().build(), valid().setParentSpanId(SPAN).build());
    SpanValidator.Result result = SpanValidator.validate(request);
    assertThat(result.acceptedSpans()).isEqualTo(2);
    assertThat(result.rejectedSpans()).isZero();
    assertThat(result.accepted()).isEqualTo(request);
  }

  @Test
  void eachProblemIsNamedWithItsPath() {
    assertThat(problem(valid().setTraceId(ByteString.EMPTY))).endsWith("traceId: must be 16 bytes, got 0");
    assertThat(problem(valid().setTraceId(ByteString.copyFrom(new byte[16])))).endsWith("traceId: must not be all zeros");
    assertThat(problem(valid().setSpanId(ByteString.copyFrom(new byte[4])))).endsWith("spanId: must be 8 bytes, got 4");
    assertThat(problem(valid().setSpanId(ByteString.copyFrom(new byte[8])))).endsWith("spanId: must not be all zeros");
    assertThat(problem(valid().setParentSpanId(ByteString.copyFrom(new byte[3])))).contains("parentSpanId");
    assertThat(problem(valid().setStartTimeUnixNano(0))).endsWith("startTimeUnixNano: must be set");
    assertThat(problem(valid().setEndTimeUnixNano(5))).contains("endTimeUnixNano: must not be before");
    assertThat(problem(valid().setTraceId(ByteString.EMPTY)))
        .startsWith("resourceSpans[0].scopeSpans[0].spans[0].");
  }

  @Test
  void invalidSpansAreDroppedAndCountedValidOnesKept() {
    SpanValidator.Result result =
        SpanValidator.validate(request(valid().setSpanId(ByteString.EMPTY).build(), valid().setName("kept").build()));
    assertThat(result.acceptedSpans()).isEqualTo(1);
    assertThat(result.rejectedSpans()).isEqualTo(1);
    assertThat(result.firstProblem()).startsWith("resourceSpans[0].scopeSpans[0].spans[0].spanId");
    assertThat(result.accepted().getResourceSpans(0).getScopeSpans(0).getSpansList())
        .extracting(Span::getName)
        .containsExactly("kept");
  }

  private static String problem(Span.Builder span) {
    SpanValidator.Result result = SpanValidator.validate(request(span.build()));
    assertThat(result.rejectedSpans()).isEqualTo(1);
    assertThat(result.accepted().getResourceSpansCount()).isZero();
    return result.firstProblem();
  }

  private static Span.Builder valid() {
    return Span.newBuilder().setTraceId(TRACE).setSpanId(SPAN).setName("work").setStartTimeUnixNano(10).setEndTimeUnixNano(20);
  }

  private static ExportTraceServiceRequest request(Span... spans) {
    ScopeSpans.Builder scope = ScopeSpans.newBuilder();
    for (Span span : spans) scope.addSpans(span);
    return ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder().addScopeSpans(scope)).build();
  }
}
