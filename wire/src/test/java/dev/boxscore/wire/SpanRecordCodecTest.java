package dev.boxscore.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class SpanRecordCodecTest {
  @Test
  void roundTripsThroughKafkaRecordParts() throws Exception {
    ExportTraceServiceRequest spans =
        ExportTraceServiceRequest.newBuilder()
            .addResourceSpans(
                ResourceSpans.newBuilder()
                    .setResource(OtlpTraceRequestsTest.resource("checkout"))
                    .addScopeSpans(
                        ScopeSpans.newBuilder()
                            .addSpans(
                                OtlpTraceRequestsTest.span(
                                    "0af7651916cd43dd8448eb211c80319c", "x"))))
            .build();
    SpanRecord record =
        new SpanRecord(
            "proj-1",
            Instant.ofEpochMilli(1_700_000_000_123L),
            "0af7651916cd43dd8448eb211c80319c",
            spans);

    ProducerRecord<byte[], byte[]> produced =
        SpanRecordCodec.toProducerRecord(KafkaTopics.SPANS, record);
    assertThat(produced.topic()).isEqualTo(KafkaTopics.SPANS);
    assertThat(new String(produced.key())).isEqualTo("0af7651916cd43dd8448eb211c80319c");

    SpanRecord decoded =
        SpanRecordCodec.fromConsumerRecord(
            consumed(produced.key(), produced.value(), produced.headers()));
    assertThat(decoded).isEqualTo(record);
  }

  @Test
  void recordsWithoutHeadersOrWithGarbageAreRejectedWithTheReason() {
    assertThatThrownBy(
            () ->
                SpanRecordCodec.fromConsumerRecord(
                    consumed(null, new byte[] {1}, new RecordHeaders())))
        .isInstanceOf(InvalidSpanRecordException.class)
        .hasMessageContaining(SpanRecordCodec.VERSION_HEADER);

    SpanRecord record =
        new SpanRecord("p", Instant.EPOCH, "t", ExportTraceServiceRequest.getDefaultInstance());
    ProducerRecord<byte[], byte[]> produced =
        SpanRecordCodec.toProducerRecord(KafkaTopics.SPANS, record);
    assertThatThrownBy(
            () ->
                SpanRecordCodec.fromConsumerRecord(
                    consumed(produced.key(), new byte[] {(byte) 0xff, 0x0f}, produced.headers())))
        .isInstanceOf(InvalidSpanRecordException.class)
        .hasMessageContaining("not an OTLP");
  }

  @Test
  void theHeadersCarryFormatOneTheProjectAndTheReceivedMillisBigEndian() {
    ProducerRecord<byte[], byte[]> produced =
        SpanRecordCodec.toProducerRecord(
            KafkaTopics.SPANS,
            new SpanRecord(
                "proj-ü",
                Instant.ofEpochMilli(0x0102030405060708L),
                "t",
                ExportTraceServiceRequest.getDefaultInstance()));
    assertThat(produced.headers().lastHeader(SpanRecordCodec.VERSION_HEADER).value())
        .containsExactly(1);
    assertThat(
            new String(
                produced.headers().lastHeader(SpanRecordCodec.PROJECT_HEADER).value(),
                StandardCharsets.UTF_8))
        .isEqualTo("proj-ü");
    assertThat(produced.headers().lastHeader(SpanRecordCodec.RECEIVED_HEADER).value())
        .containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
    assertThat(produced.partition()).as("partitioned by the key").isNull();
  }

  @Test
  void eachBadHeaderIsRejectedNamingIt() {
    assertRejected(headers(new byte[] {2}, "p", 8), "unsupported bx-v header");
    assertRejected(headers(new byte[] {1, 1}, "p", 8), "unsupported bx-v header");
    assertRejected(headers(new byte[0], "p", 8), "unsupported bx-v header");
    assertRejected(headers(new byte[] {1}, null, 8), "missing bx-project header");
    assertRejected(headers(new byte[] {1}, "", 8), "empty bx-project header");
    assertRejected(headers(new byte[] {1}, "p", -1), "missing bx-received-ms header");
    assertRejected(headers(new byte[] {1}, "p", 7), "bx-received-ms header must be 8 bytes");
    assertRejected(headers(new byte[] {1}, "p", 9), "bx-received-ms header must be 8 bytes");
  }

  @Test
  void aRecordWithoutAValueIsRejectedAndOneWithoutAKeyHasAnEmptyTraceId() throws Exception {
    assertThatThrownBy(
            () ->
                SpanRecordCodec.fromConsumerRecord(
                    consumed(new byte[] {'t'}, null, headers(new byte[] {1}, "p", 8))))
        .isInstanceOf(InvalidSpanRecordException.class)
        .hasMessage("record has no value");
    SpanRecord keyless =
        SpanRecordCodec.fromConsumerRecord(
            consumed(null, new byte[0], headers(new byte[] {1}, "p", 8)));
    assertThat(keyless.traceId()).isEmpty();
    assertThat(keyless.spans()).isEqualTo(ExportTraceServiceRequest.getDefaultInstance());
  }

  @Test
  void theLastOfRepeatedHeadersCounts() throws Exception {
    RecordHeaders headers = headers(new byte[] {1}, "first", 8);
    headers.add(SpanRecordCodec.PROJECT_HEADER, "second".getBytes(StandardCharsets.UTF_8));
    assertThat(SpanRecordCodec.fromConsumerRecord(consumed(null, new byte[0], headers)).projectId())
        .isEqualTo("second");
  }

  /**
   * Headers with the given version and project (null: absent) and a received header of {@code
   * receivedBytes} bytes (-1: absent).
   */
  private static RecordHeaders headers(byte[] version, String project, int receivedBytes) {
    RecordHeaders headers = new RecordHeaders();
    headers.add(SpanRecordCodec.VERSION_HEADER, version);
    if (project != null) {
      headers.add(SpanRecordCodec.PROJECT_HEADER, project.getBytes(StandardCharsets.UTF_8));
    }
    if (receivedBytes >= 0) {
      headers.add(SpanRecordCodec.RECEIVED_HEADER, new byte[receivedBytes]);
    }
    return headers;
  }

  private static void assertRejected(RecordHeaders headers, String reason) {
    assertThatThrownBy(
            () ->
                SpanRecordCodec.fromConsumerRecord(
                    consumed(new byte[] {'t'}, new byte[0], headers)))
        .isInstanceOf(InvalidSpanRecordException.class)
        .hasMessage(reason);
  }

  private static ConsumerRecord<byte[], byte[]> consumed(
      byte[] key, byte[] value, org.apache.kafka.common.header.Headers headers) {
    return new ConsumerRecord<>(
        KafkaTopics.SPANS,
        0,
        0L,
        0L,
        TimestampType.CREATE_TIME,
        0,
        0,
        key,
        value,
        headers,
        java.util.Optional.empty());
  }
}
