package dev.boxscore.storage;

import java.time.Instant;
import java.util.List;

/**
 * Reads the stored traces of ONE project: the project is bound when the reader is made ({@code
 * ClickHouseStorage.traceReader(projectId)}), so no method can be called without it or with another
 * one.
 */
public interface TraceReader {
  /** The project every method of this reader is scoped to. */
  String projectId();

  TracePage findTraces(TraceQuery query);

  /**
   * All spans of a trace in start order (at most {@code limit}); empty when the project has no such
   * trace.
   */
  List<SpanRow> getTrace(String traceId, int limit);

  /** Services that sent spans since the given time. */
  List<String> services(Instant since);

  /** Models requested or answered on LLM spans since the given time. */
  List<String> models(Instant since);
}
