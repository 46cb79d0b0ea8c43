package dev.boxscore.loadgen;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.util.List;

/**
 * One export request: whole traces, {@code spans} spans of which {@code llmSpans} are LLM calls.
 */
record Batch(
    long index,
    ExportTraceServiceRequest request,
    int spans,
    int llmSpans,
    List<SentTrace> traces) {}
