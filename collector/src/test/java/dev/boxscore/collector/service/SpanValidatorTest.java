package dev.boxscore.collector.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import org.junit.jupiter.api.Test;

class SpanValidatorTest {
  private static final ByteString TRACE =
      ByteString.copyFrom(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16});
  private static final ByteString SPAN = ByteString.copyFrom(new byte[] {1, 2, 3, 4, 5, 6, 7, 8});

  @Test
  void validSpansPassUntouched() {
    ExportTraceServiceRequest request =
        request(valid().build(), valid().setParentSpanId(SPAN).build());
    SpanValidator.Result result = SpanValidator.validate(request);
    assertThat(result.acceptedSpans()).isEqualTo(2);
    assertThat(result.rejectedSpans()).isZero();
    assertThat(result.accepted()).isEqualTo(request);
  }

  @Test
  void eachProblemIsNamedWithItsPath() {
    assertThat(problem(valid().setTraceId(ByteString.EMPTY)))
        .endsWith("traceId: must be 16 bytes, got 0");
    assertThat(problem(valid().setTraceId(ByteString.copyFrom(new byte[16]))))
        .endsWith("traceId: must not be all zeros");
    assertThat(problem(valid().setSpanId(ByteString.copyFrom(new byte[4]))))
        .endsWith("spanId: must be 8 bytes, got 4");
    assertThat(problem(valid().setSpanId(ByteString.copyFrom(new byte[8]))))
        .endsWith("spanId: must not be all zeros");
    assertThat(problem(valid().setParentSpanId(ByteString.copyFrom(new byte[3]))))
        .contains("parentSpanId");
    assertThat(problem(valid().setStartTimeUnixNano(0))).endsWith("startTimeUnixNano: must be set");
    assertThat(problem(valid().setEndTimeUnixNano(5)))
        .contains("endTimeUnixNano: must not be before");
    assertThat(problem(valid().setTraceId(ByteString.EMPTY)))
        .startsWith("resourceSpans[0].scopeSpans[0].spans[0].");
  }

  @Test
  void invalidSpansAreDroppedAndCountedValidOnesKept() {
    SpanValidator.Result result =
        SpanValidator.validate(
            request(valid().setSpanId(ByteString.EMPTY).build(), valid().setName("kept").build()));
    assertThat(result.acceptedSpans()).isEqualTo(1);
    assertThat(result.rejectedSpans()).isEqualTo(1);
    assertThat(result.firstProblem()).startsWith("resourceSpans[0].scopeSpans[0].spans[0].spanId");
    assertThat(result.accepted().getResourceSpans(0).getScopeSpans(0).getSpansList())
        .extracting(Span::getName)
        .containsExactly("kept");
  }

  @Test
  void idsAreRejectedOneByteOffTheirSizeWithTheSizeNamed() {
    assertThat(problem(valid().setTraceId(TRACE.substring(1))))
        .endsWith("traceId: must be 16 bytes, got 15");
    assertThat(problem(valid().setTraceId(TRACE.concat(ByteString.copyFrom(new byte[] {1})))))
        .endsWith("traceId: must be 16 bytes, got 17");
    assertThat(problem(valid().setSpanId(SPAN.substring(1))))
        .endsWith("spanId: must be 8 bytes, got 7");
    assertThat(problem(valid().setSpanId(SPAN.concat(ByteString.copyFrom(new byte[] {1})))))
        .endsWith("spanId: must be 8 bytes, got 9");
    assertThat(problem(valid().setParentSpanId(ByteString.copyFrom(new byte[3]))))
        .isEqualTo(
            "resourceSpans[0].scopeSpans[0].spans[0].parentSpanId: must be empty or 8 bytes, got 3");
    assertThat(problem(valid().setParentSpanId(ByteString.copyFrom(new byte[9]))))
        .endsWith("parentSpanId: must be empty or 8 bytes, got 9");
  }

  @Test
  void anEndAtTheStartOrUnsetIsAccepted() {
    assertThat(
            SpanValidator.validate(request(valid().setEndTimeUnixNano(10).build())).rejectedSpans())
        .isZero();
    assertThat(
            SpanValidator.validate(request(valid().setEndTimeUnixNano(0).build())).rejectedSpans())
        .isZero();
    assertThat(problem(valid().setStartTimeUnixNano(10).setEndTimeUnixNano(9)))
        .endsWith("endTimeUnixNano: must not be before startTimeUnixNano");
  }

  @Test
  void timesAreUnsignedAndAStartPastTheStorableYearsIsRejected() {
    // fixed64 2^63 and above: after 2262, which storage cannot hold in signed epoch nanoseconds.
    long past2262 = Long.MIN_VALUE;
    assertThat(problem(valid().setStartTimeUnixNano(past2262).setEndTimeUnixNano(0)))
        .endsWith("startTimeUnixNano: beyond year 2262");
    assertThat(problem(valid().setStartTimeUnixNano(past2262).setEndTimeUnixNano(past2262 + 1)))
        .endsWith("startTimeUnixNano: beyond year 2262");
    // Compared unsigned, an end of 20 is before that start, not after it.
    assertThat(problem(valid().setStartTimeUnixNano(past2262).setEndTimeUnixNano(20)))
        .endsWith("endTimeUnixNano: must not be before startTimeUnixNano");
    assertThat(
            SpanValidator.validate(
                    request(
                        valid()
                            .setStartTimeUnixNano(Long.MAX_VALUE)
                            .setEndTimeUnixNano(-1)
                            .build()))
                .rejectedSpans())
        .as("the last signed start, an end past it")
        .isZero();
  }

  @Test
  void theFirstProblemIsNamedByItsPathAcrossResourcesAndScopesAndEmptiedOnesAreLeftOut() {
    ResourceSpans good =
        ResourceSpans.newBuilder()
            .setResource(
                io.opentelemetry.proto.resource.v1.Resource.newBuilder()
                    .addAttributes(
                        io.opentelemetry.proto.common.v1.KeyValue.newBuilder()
                            .setKey("service.name")
                            .setValue(
                                io.opentelemetry.proto.common.v1.AnyValue.newBuilder()
                                    .setStringValue("svc"))))
            .addScopeSpans(ScopeSpans.newBuilder().addSpans(valid().setName("a")))
            .build();
    ResourceSpans mixed =
        ResourceSpans.newBuilder()
            .addScopeSpans(ScopeSpans.newBuilder().addSpans(valid().setStartTimeUnixNano(0)))
            .addScopeSpans(
                ScopeSpans.newBuilder()
                    .addSpans(valid().setName("b"))
                    .addSpans(valid().setSpanId(ByteString.EMPTY)))
            .build();
    ResourceSpans bad =
        ResourceSpans.newBuilder()
            .addScopeSpans(ScopeSpans.newBuilder().addSpans(valid().setTraceId(ByteString.EMPTY)))
            .build();
    SpanValidator.Result result =
        SpanValidator.validate(
            ExportTraceServiceRequest.newBuilder()
                .addResourceSpans(good)
                .addResourceSpans(mixed)
                .addResourceSpans(bad)
                .build());
    assertThat(result.acceptedSpans()).isEqualTo(2);
    assertThat(result.rejectedSpans()).isEqualTo(3);
    assertThat(result.firstProblem())
        .isEqualTo("resourceSpans[1].scopeSpans[0].spans[0].startTimeUnixNano: must be set");
    assertThat(result.accepted().getResourceSpansList()).hasSize(2);
    assertThat(result.accepted().getResourceSpans(0)).isEqualTo(good);
    assertThat(result.accepted().getResourceSpans(1).getScopeSpansList()).hasSize(1);
    assertThat(result.accepted().getResourceSpans(1).getScopeSpans(0).getSpansList())
        .extracting(Span::getName)
        .containsExactly("b");
  }

  @Test
  void anEmptyRequestIsAcceptedWithNothingInIt() {
    SpanValidator.Result result =
        SpanValidator.validate(ExportTraceServiceRequest.getDefaultInstance());
    assertThat(result.acceptedSpans()).isZero();
    assertThat(result.rejectedSpans()).isZero();
    assertThat(result.firstProblem()).isNull();
  }

  private static String problem(Span.Builder span) {
    SpanValidator.Result result = SpanValidator.validate(request(span.build()));
    assertThat(result.rejectedSpans()).isEqualTo(1);
    assertThat(result.accepted().getResourceSpansCount()).isZero();
    return result.firstProblem();
  }

  @Test
  void aSpanStartingBeforeTheRetentionIsRefusedAndOneStartingAtItKept() {
    long oldest = valid().build().getStartTimeUnixNano();
    SpanValidator.Result result =
        SpanValidator.validate(
            request(
                valid().setStartTimeUnixNano(oldest - 1).setName("too old").build(),
                valid().setStartTimeUnixNano(oldest).setName("kept").build()),
            oldest,
            "30 days");
    assertThat(result.acceptedSpans()).isEqualTo(1);
    assertThat(result.rejectedSpans()).isEqualTo(1);
    assertThat(result.firstProblem())
        .isEqualTo(
            "resourceSpans[0].scopeSpans[0].spans[0].startTimeUnixNano: older than the project's retention"
                + " (30 days)");
    assertThat(result.accepted().getResourceSpans(0).getScopeSpans(0).getSpans(0).getName())
        .isEqualTo("kept");
  }

  private static Span.Builder valid() {
    return Span.newBuilder()
        .setTraceId(TRACE)
        .setSpanId(SPAN)
        .setName("work")
        .setStartTimeUnixNano(10)
        .setEndTimeUnixNano(20);
  }

  private static ExportTraceServiceRequest request(Span... spans) {
    ScopeSpans.Builder scope = ScopeSpans.newBuilder();
    for (Span span : spans) scope.addSpans(span);
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(ResourceSpans.newBuilder().addScopeSpans(scope))
        .build();
  }
}
