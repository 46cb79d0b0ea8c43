package dev.boxscore.storage;

import java.time.Instant;
import java.util.List;

/** Reads stored traces. Every method is scoped to one project. */
public interface TraceReader {
  TracePage findTraces(TraceQuery query);

  /** All spans of a trace in start order (at most {@code limit}); empty when the project has no such trace. */
  List<SpanRow> getTrace(String projectId, String traceId, int limit);

  /** Services that sent spans since the given time. */
  List<String> services(String projectId, Instant since);

  /** Models requested or answered on LLM spans since the given time. */
  List<String> models(String projectId, Instant since);
}
