package dev.boxscore.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class OtelCollectorKafkaRecordsTest {
  private static final String TRACE_A = "0af7651916cd43dd8448eb211c80319c";
  private static final String TRACE_B = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final int LIMIT = 1 << 20;

  @Test
  void aRecordKeyedByTheHexTraceIdBecomesOneSpanRecordOfTheConfiguredProject() throws Exception {
    ExportTraceServiceRequest payload = payload(span(TRACE_A, 1), span(TRACE_A, 2));
    OtelCollectorKafkaRecords.Decoded decoded =
        OtelCollectorKafkaRecords.decode(
            record(TRACE_A.getBytes(StandardCharsets.US_ASCII), payload.toByteArray(), 1_234L),
            "proj-1",
            LIMIT);

    assertThat(decoded.keyedByTrace()).isTrue();
    assertThat(decoded.traces())
        .containsExactly(new SpanRecord("proj-1", Instant.ofEpochMilli(1_234L), TRACE_A, payload));
  }

  @Test
  void oldExportersKeyedByTheRawTraceIdBytesCountAsKeyedByTrace() throws Exception {
    assertThat(
            OtelCollectorKafkaRecords.decode(
                    record(
                        HexFormat.of().parseHex(TRACE_A),
                        payload(span(TRACE_A, 1)).toByteArray(),
                        1L),
                    "p",
                    LIMIT)
                .keyedByTrace())
        .isTrue();
  }

  @Test
  void aRecordWithoutKeyHoldingTwoTracesIsSplitPerTraceAndNotKeyedByTrace() throws Exception {
    OtelCollectorKafkaRecords.Decoded decoded =
        OtelCollectorKafkaRecords.decode(
            record(null, payload(span(TRACE_A, 1), span(TRACE_B, 2)).toByteArray(), 1L),
            "p",
            LIMIT);

    assertThat(decoded.keyedByTrace()).isFalse();
    assertThat(decoded.traces()).extracting(SpanRecord::traceId).containsExactly(TRACE_A, TRACE_B);
    assertThat(decoded.traces())
        .allSatisfy(r -> assertThat(OtlpTraceRequests.spanCount(r.spans())).isEqualTo(1));
  }

  @Test
  void aKeyNamingAnotherTraceIsNotKeyedByTrace() throws Exception {
    assertThat(
            OtelCollectorKafkaRecords.decode(
                    record(
                        TRACE_B.getBytes(StandardCharsets.US_ASCII),
                        payload(span(TRACE_A, 1)).toByteArray(),
                        1L),
                    "p",
                    LIMIT)
                .keyedByTrace())
        .isFalse();
  }

  @Test
  void emptyAndMissingValuesAreRefused() {
    assertRefused(record(null, null, 1L), "record has no value");
    assertRefused(record(null, new byte[0], 1L), "record has no value");
    assertRefused(
        record(
            null,
            ExportTraceServiceRequest.newBuilder()
                .addResourceSpans(
                    ResourceSpans.newBuilder().addScopeSpans(ScopeSpans.getDefaultInstance()))
                .build()
                .toByteArray(),
            1L),
        "record holds no spans");
  }

  @Test
  void malformedValuesAreRefusedNamingTheEncoding() {
    assertRefused(
        record(null, new byte[] {(byte) 0xff, 0x0f, 0x01}, 1L),
        "value is not OTLP protobuf traces (the exporter's otlp_proto encoding)");
    assertRefused(
        record(null, "{\"resourceSpans\":[]}".getBytes(StandardCharsets.UTF_8), 1L),
        "value is not OTLP protobuf traces (the exporter's otlp_proto encoding)");
  }

  @Test
  void oversizedValuesAreRefusedBeforeParsing() {
    byte[] value = payload(span(TRACE_A, 1)).toByteArray();
    assertThatThrownBy(
            () -> OtelCollectorKafkaRecords.decode(record(null, value, 1L), "p", value.length - 1))
        .isInstanceOf(InvalidSpanRecordException.class)
        .hasMessage(
            "record of " + value.length + " bytes exceeds the limit of " + (value.length - 1));
  }

  @Test
  void spansTheCollectorWouldRefuseMakeTheRecordRefusedNamingTheFirstOne() {
    assertRefused(
        record(
            null,
            payload(
                    span(TRACE_A, 1),
                    span(TRACE_A, 2).toBuilder()
                        .setTraceId(ByteString.copyFrom(new byte[16]))
                        .build())
                .toByteArray(),
            1L),
        "invalid span: resourceSpans[0].scopeSpans[0].spans[1].traceId: must not be all zeros");
    assertRefused(
        record(
            null,
            payload(
                    span(TRACE_A, 1).toBuilder()
                        .setSpanId(ByteString.copyFrom(new byte[] {1, 2, 3}))
                        .build())
                .toByteArray(),
            1L),
        "invalid span: resourceSpans[0].scopeSpans[0].spans[0].spanId: must be 8 bytes, got 3");
    assertRefused(
        record(
            null,
            payload(
                    span(TRACE_A, 1).toBuilder()
                        .setStartTimeUnixNano(0)
                        .setEndTimeUnixNano(0)
                        .build())
                .toByteArray(),
            1L),
        "invalid span: resourceSpans[0].scopeSpans[0].spans[0].startTimeUnixNano: must be set");
    assertRefused(
        record(
            null,
            payload(span(TRACE_A, 1).toBuilder().setEndTimeUnixNano(1).build()).toByteArray(),
            1L),
        "invalid span: resourceSpans[0].scopeSpans[0].spans[0].endTimeUnixNano: must not be"
            + " before startTimeUnixNano");
  }

  private static void assertRefused(ConsumerRecord<byte[], byte[]> record, String reason) {
    assertThatThrownBy(() -> OtelCollectorKafkaRecords.decode(record, "p", LIMIT))
        .isInstanceOf(InvalidSpanRecordException.class)
        .hasMessage(reason);
  }

  private static ExportTraceServiceRequest payload(Span... spans) {
    ScopeSpans.Builder scope = ScopeSpans.newBuilder();
    for (Span s : spans) {
      scope.addSpans(s);
    }
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(
            ResourceSpans.newBuilder()
                .setResource(OtlpTraceRequestsTest.resource("checkout"))
                .addScopeSpans(scope))
        .build();
  }

  private static Span span(String traceId, int spanId) {
    long start = 1_700_000_000_000_000_000L;
    return Span.newBuilder()
        .setTraceId(ByteString.copyFrom(HexFormat.of().parseHex(traceId)))
        .setSpanId(ByteString.copyFrom(new byte[] {0, 0, 0, 0, 0, 0, 0, (byte) spanId}))
        .setName("span-" + spanId)
        .setStartTimeUnixNano(start)
        .setEndTimeUnixNano(start + 1_000_000)
        .build();
  }

  private static ConsumerRecord<byte[], byte[]> record(byte[] key, byte[] value, long timestamp) {
    return new ConsumerRecord<>(
        OtelCollectorKafkaRecords.DEFAULT_TOPIC,
        0,
        0L,
        timestamp,
        TimestampType.CREATE_TIME,
        0,
        0,
        key,
        value,
        new RecordHeaders(),
        Optional.empty());
  }
}
