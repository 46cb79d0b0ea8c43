package dev.boxscore.loadgen;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;

/** One connection to the collector, used by one thread at a time. */
interface OtlpSender extends AutoCloseable {
  /** Sends once; transport failures come back as a retryable refusal, never thrown. */
  ExportAnswer export(ExportTraceServiceRequest request) throws InterruptedException;

  @Override
  void close();
}
