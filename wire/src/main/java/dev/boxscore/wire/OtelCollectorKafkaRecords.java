package dev.boxscore.wire;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The one place that knows the records the OpenTelemetry Collector's Kafka exporter writes for
 * traces with {@code encoding: otlp_proto}.
 *
 * <p>Value: the OTLP protobuf trace payload ({@code TracesData}, wire-identical to {@code
 * ExportTraceServiceRequest}). Key: with {@code partition_traces_by_id}, the trace id (hex text in
 * current releases, the 16 raw bytes in old ones), so one trace stays on one partition; without it,
 * no key, and one record may hold many traces. No header of the exporter's is needed. The records
 * carry no Boxscore project: the caller names it.
 *
 * <p>The spans did not pass Boxscore's collector, so the checks its collector makes on ids and
 * times are made here again; a record failing any of them is refused whole.
 */
public final class OtelCollectorKafkaRecords {
  /** The exporter's default topic for traces. */
  public static final String DEFAULT_TOPIC = "otlp_spans";

  private OtelCollectorKafkaRecords() {}

  /** The spans of one exporter record, one {@link SpanRecord} per trace. */
  public record Decoded(List<SpanRecord> traces, boolean keyedByTrace) {}

  /**
   * @param projectId the Boxscore project the topic's spans belong to
   * @param maxRecordBytes larger values are refused before they are parsed
   * @throws InvalidSpanRecordException the record is empty, too large, not OTLP protobuf, or holds
   *     a span Boxscore's collector would refuse; the message says which and where
   */
  public static Decoded decode(
      ConsumerRecord<byte[], byte[]> record, String projectId, int maxRecordBytes)
      throws InvalidSpanRecordException {
    byte[] value = record.value();
    if (value == null || value.length == 0) {
      throw new InvalidSpanRecordException("record has no value");
    }
    if (value.length > maxRecordBytes) {
      throw new InvalidSpanRecordException(
          "record of " + value.length + " bytes exceeds the limit of " + maxRecordBytes);
    }
    ExportTraceServiceRequest request;
    try {
      request = ExportTraceServiceRequest.parseFrom(value);
    } catch (InvalidProtocolBufferException e) {
      throw new InvalidSpanRecordException(
          "value is not OTLP protobuf traces (the exporter's otlp_proto encoding)", e);
    }
    if (OtlpTraceRequests.spanCount(request) == 0) {
      throw new InvalidSpanRecordException("record holds no spans");
    }
    String problem = firstProblem(request);
    if (problem != null) {
      throw new InvalidSpanRecordException("invalid span: " + problem);
    }
    // The exporter's record time is when it produced the record: the nearest to "accepted" there
    // is.
    Instant receivedAt =
        record.timestamp() > 0 ? Instant.ofEpochMilli(record.timestamp()) : Instant.now();
    Map<String, ExportTraceServiceRequest> byTrace = OtlpTraceRequests.splitByTrace(request);
    List<SpanRecord> traces = new ArrayList<>(byTrace.size());
    byTrace.forEach(
        (traceId, spans) -> traces.add(new SpanRecord(projectId, receivedAt, traceId, spans)));
    boolean keyedByTrace = traces.size() == 1 && isTraceKey(record.key(), traces.get(0).traceId());
    return new Decoded(List.copyOf(traces), keyedByTrace);
  }

  private static boolean isTraceKey(byte[] key, String hexTraceId) {
    if (key == null) {
      return false;
    }
    return new String(key, StandardCharsets.UTF_8).equalsIgnoreCase(hexTraceId)
        || Arrays.equals(key, java.util.HexFormat.of().parseHex(hexTraceId));
  }

  /** The first span Boxscore's collector would refuse, by its path in the payload; else null. */
  private static String firstProblem(ExportTraceServiceRequest request) {
    for (int r = 0; r < request.getResourceSpansCount(); r++) {
      ResourceSpans rs = request.getResourceSpans(r);
      for (int s = 0; s < rs.getScopeSpansCount(); s++) {
        ScopeSpans ss = rs.getScopeSpans(s);
        for (int i = 0; i < ss.getSpansCount(); i++) {
          String problem = problem(ss.getSpans(i));
          if (problem != null) {
            return "resourceSpans[%d].scopeSpans[%d].spans[%d].%s".formatted(r, s, i, problem);
          }
        }
      }
    }
    return null;
  }

  private static String problem(Span span) {
    if (span.getTraceId().size() != 16) {
      return "traceId: must be 16 bytes, got " + span.getTraceId().size();
    }
    if (allZero(span.getTraceId())) {
      return "traceId: must not be all zeros";
    }
    if (span.getSpanId().size() != 8) {
      return "spanId: must be 8 bytes, got " + span.getSpanId().size();
    }
    if (allZero(span.getSpanId())) {
      return "spanId: must not be all zeros";
    }
    if (!span.getParentSpanId().isEmpty() && span.getParentSpanId().size() != 8) {
      return "parentSpanId: must be empty or 8 bytes, got " + span.getParentSpanId().size();
    }
    if (span.getStartTimeUnixNano() == 0) {
      return "startTimeUnixNano: must be set";
    }
    if (span.getStartTimeUnixNano() < 0) {
      return "startTimeUnixNano: beyond year 2262";
    }
    // Unsigned: OTLP times are fixed64.
    if (span.getEndTimeUnixNano() != 0
        && Long.compareUnsigned(span.getEndTimeUnixNano(), span.getStartTimeUnixNano()) < 0) {
      return "endTimeUnixNano: must not be before startTimeUnixNano";
    }
    return null;
  }

  private static boolean allZero(ByteString bytes) {
    for (int i = 0; i < bytes.size(); i++) {
      if (bytes.byteAt(i) != 0) {
        return false;
      }
    }
    return true;
  }
}
