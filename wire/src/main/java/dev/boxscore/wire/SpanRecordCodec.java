package dev.boxscore.wire;

import com.google.protobuf.InvalidProtocolBufferException;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The one place that knows how a {@link SpanRecord} looks on Kafka.
 *
 * <p>Key: the hex trace id (UTF-8), so one trace's spans land in one partition. Value: the OTLP
 * protobuf {@code ExportTraceServiceRequest}. Headers: {@value #VERSION_HEADER} (format version),
 * {@value #PROJECT_HEADER} (project id, UTF-8) and {@value #RECEIVED_HEADER} (acceptance time,
 * epoch milliseconds, 8 bytes big-endian).
 */
public final class SpanRecordCodec {
  public static final String VERSION_HEADER = "bx-v";
  public static final String PROJECT_HEADER = "bx-project";
  public static final String RECEIVED_HEADER = "bx-received-ms";

  /** Header on dead-letter records: why ingest could not take the record. */
  public static final String REASON_HEADER = "bx-dlq-reason";

  private static final byte FORMAT_VERSION = 1;

  private SpanRecordCodec() {}

  public static ProducerRecord<byte[], byte[]> toProducerRecord(String topic, SpanRecord record) {
    Headers headers = new RecordHeaders();
    headers.add(VERSION_HEADER, new byte[] {FORMAT_VERSION});
    headers.add(PROJECT_HEADER, record.projectId().getBytes(StandardCharsets.UTF_8));
    headers.add(
        RECEIVED_HEADER,
        ByteBuffer.allocate(Long.BYTES).putLong(record.receivedAt().toEpochMilli()).array());
    return new ProducerRecord<>(
        topic,
        null,
        record.traceId().getBytes(StandardCharsets.UTF_8),
        record.spans().toByteArray(),
        headers);
  }

  public static SpanRecord fromConsumerRecord(ConsumerRecord<byte[], byte[]> record)
      throws InvalidSpanRecordException {
    byte[] version = lastHeader(record.headers(), VERSION_HEADER);
    if (version.length != 1 || version[0] != FORMAT_VERSION) {
      throw new InvalidSpanRecordException("unsupported " + VERSION_HEADER + " header");
    }
    String project =
        new String(lastHeader(record.headers(), PROJECT_HEADER), StandardCharsets.UTF_8);
    if (project.isEmpty()) {
      throw new InvalidSpanRecordException("empty " + PROJECT_HEADER + " header");
    }
    byte[] received = lastHeader(record.headers(), RECEIVED_HEADER);
    if (received.length != Long.BYTES) {
      throw new InvalidSpanRecordException(RECEIVED_HEADER + " header must be 8 bytes");
    }
    if (record.value() == null) {
      throw new InvalidSpanRecordException("record has no value");
    }
    String traceId = record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8);
    try {
      return new SpanRecord(
          project,
          Instant.ofEpochMilli(ByteBuffer.wrap(received).getLong()),
          traceId,
          ExportTraceServiceRequest.parseFrom(record.value()));
    } catch (InvalidProtocolBufferException e) {
      throw new InvalidSpanRecordException("value is not an OTLP ExportTraceServiceRequest", e);
    }
  }

  private static byte[] lastHeader(Headers headers, String name) throws InvalidSpanRecordException {
    Header header = headers.lastHeader(name);
    if (header == null || header.value() == null) {
      throw new InvalidSpanRecordException("missing " + name + " header");
    }
    return header.value();
  }
}
