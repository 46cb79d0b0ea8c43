package dev.boxscore.wire;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.time.Instant;
import java.util.Objects;

/**
 * What the collector hands to ingest through Kafka: the spans of one trace from one OTLP request,
 * the project they belong to and when the collector accepted them. The payload stays OTLP protobuf
 * (as Jaeger's Kafka path does) so nothing of what the client sent is lost on the way.
 */
public record SpanRecord(
    String projectId, Instant receivedAt, String traceId, ExportTraceServiceRequest spans) {
  public SpanRecord {
    Objects.requireNonNull(projectId, "projectId");
    Objects.requireNonNull(receivedAt, "receivedAt");
    Objects.requireNonNull(traceId, "traceId");
    Objects.requireNonNull(spans, "spans");
  }
}
