package dev.boxscore.collector.service;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;

/**
 * Keeps the spans that can be stored and counts the rest, naming the first problem by its path in
 * the request (OTLP partial success). A span needs a 16-byte non-zero trace id, an 8-byte non-zero
 * span id, a parent id that is empty or 8 bytes, a start time, and an end time not before its
 * start; and it must start within the project's retention, or the store would expire it at once
 * (acknowledged, then never visible).
 */
final class SpanValidator {
  record Result(
      ExportTraceServiceRequest accepted,
      int acceptedSpans,
      int rejectedSpans,
      String firstProblem) {}

  private SpanValidator() {}

  static Result validate(ExportTraceServiceRequest request) {
    return validate(request, Long.MIN_VALUE, null);
  }

  /**
   * @param oldestStartNanos spans that start before this (Unix nanoseconds) are refused
   * @param retention how the refusal describes the limit
   */
  static Result validate(
      ExportTraceServiceRequest request, long oldestStartNanos, String retention) {
    ExportTraceServiceRequest.Builder accepted = ExportTraceServiceRequest.newBuilder();
    int kept = 0;
    int rejected = 0;
    String firstProblem = null;
    for (int r = 0; r < request.getResourceSpansCount(); r++) {
      ResourceSpans rs = request.getResourceSpans(r);
      ResourceSpans.Builder keptResource = rs.toBuilder().clearScopeSpans();
      for (int s = 0; s < rs.getScopeSpansCount(); s++) {
        ScopeSpans ss = rs.getScopeSpans(s);
        ScopeSpans.Builder keptScope = ss.toBuilder().clearSpans();
        for (int i = 0; i < ss.getSpansCount(); i++) {
          Span span = ss.getSpans(i);
          String problem = problem(span);
          if (problem == null
              && Long.compareUnsigned(span.getStartTimeUnixNano(), oldestStartNanos) < 0
              && oldestStartNanos > 0) {
            problem = "startTimeUnixNano: older than the project's retention (" + retention + ")";
          }
          if (problem == null) {
            keptScope.addSpans(span);
            kept++;
          } else {
            rejected++;
            if (firstProblem == null) {
              firstProblem =
                  "resourceSpans[%d].scopeSpans[%d].spans[%d].%s".formatted(r, s, i, problem);
            }
          }
        }
        if (keptScope.getSpansCount() > 0) {
          keptResource.addScopeSpans(keptScope);
        }
      }
      if (keptResource.getScopeSpansCount() > 0) {
        accepted.addResourceSpans(keptResource);
      }
    }
    return new Result(accepted.build(), kept, rejected, firstProblem);
  }

  private static String problem(Span span) {
    if (span.getTraceId().size() != 16) {
      return "traceId: must be 16 bytes, got " + span.getTraceId().size();
    }
    if (allZero(span.getTraceId().toByteArray())) {
      return "traceId: must not be all zeros";
    }
    if (span.getSpanId().size() != 8) {
      return "spanId: must be 8 bytes, got " + span.getSpanId().size();
    }
    if (allZero(span.getSpanId().toByteArray())) {
      return "spanId: must not be all zeros";
    }
    if (!span.getParentSpanId().isEmpty() && span.getParentSpanId().size() != 8) {
      return "parentSpanId: must be empty or 8 bytes, got " + span.getParentSpanId().size();
    }
    if (span.getStartTimeUnixNano() == 0) {
      return "startTimeUnixNano: must be set";
    }
    // Unsigned comparison: OTLP times are fixed64.
    if (span.getEndTimeUnixNano() != 0
        && Long.compareUnsigned(span.getEndTimeUnixNano(), span.getStartTimeUnixNano()) < 0) {
      return "endTimeUnixNano: must not be before startTimeUnixNano";
    }
    if (span.getStartTimeUnixNano() < 0) {
      return "startTimeUnixNano: beyond year 2262";
    }
    return null;
  }

  private static boolean allZero(byte[] bytes) {
    for (byte b : bytes) {
      if (b != 0) return false;
    }
    return true;
  }
}
