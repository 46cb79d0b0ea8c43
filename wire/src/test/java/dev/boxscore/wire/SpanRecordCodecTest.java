package dev.boxscore.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
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
                            .addSpans(OtlpTraceRequestsTest.span("0af7651916cd43dd8448eb211c80319c", "x"))))
            .build();
    SpanRecord record =
        new SpanRecord("proj-1", Instant.ofEpochMilli(1_700_000_000_123L), "0af7651916cd43dd8448eb211c80319c", spans);

    ProducerRecord<byte[], byte[]> produced = SpanRecordCodec.toProducerRecord(KafkaTopics.SPANS, record);
    assertThat(produced.topic()).isEqualTo(KafkaTopics.SPANS);
    assertThat(new String(produced.key())).isEqualTo("0af7651916cd43dd8448eb211c80319c");

    SpanRecord decoded = SpanRecordCodec.fromConsumerRecord(consumed(produced.key(), produced.value(), produced.headers()));
    assertThat(decoded).isEqualTo(record);
  }

  @Test
  void recordsWithoutHeadersOrWithGarbageAreRejectedWithTheReason() {
    assertThatThrownBy(() -> SpanRecordCodec.fromConsumerRecord(consumed(null, new byte[] {1}, new RecordHeaders())))
        .isInstanceOf(InvalidSpanRecordException.class)
        .hasMessageContaining(SpanRecordCodec.VERSION_HEADER);

    SpanRecord record =
        new SpanRecord("p", Instant.EPOCH, "t", ExportTraceServiceRequest.getDefaultInstance());
    ProducerRecord<byte[], byte[]> produced = SpanRecordCodec.toProducerRecord(KafkaTopics.SPANS, record);
    assertThatThrownBy(
            () -> SpanRecordCodec.fromConsumerRecord(consumed(produced.key(), new byte[] {(byte) 0xff, 0x0f}, produced.headers())))
        .isInstanceOf(InvalidSpanRecordException.class)
        .hasMessageContaining("not an OTLP");
  }

  private static ConsumerRecord<byte[], byte[]> consumed(
      byte[] key, byte[] value, org.apache.kafka.common.header.Headers headers) {
    return new ConsumerRecord<>(
        KafkaTopics.SPANS, 0, 0L, 0L, TimestampType.CREATE_TIME, 0, 0, key, value, headers, java.util.Optional.empty());
  }
}
