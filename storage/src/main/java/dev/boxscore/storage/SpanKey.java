package dev.boxscore.storage;

/** The identity of a stored span: one row per (project, trace, span). */
public record SpanKey(String projectId, String traceId, String spanId) {
  public static SpanKey of(SpanRow row) {
    return new SpanKey(row.projectId(), row.traceId(), row.spanId());
  }
}
