package dev.boxscore.storage;

import dev.boxscore.storage.search.SuggestField;
import dev.boxscore.storage.search.TraceBucket;
import dev.boxscore.storage.search.TraceFilter;
import java.time.Duration;
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
   * Traces matching the filter that started in [from, to), counted per bucket from {@code from}
   * (every bucket, zeros included).
   */
  List<TraceBucket> histogram(TraceFilter filter, Instant from, Instant to, Duration bucket);

  /**
   * The most frequent values of a field in [from, to) starting with the prefix, for the search
   * bar's completion; {@code attributeKey} names the attribute for {@link
   * SuggestField#ATTRIBUTE_VALUE}.
   */
  List<String> suggest(
      SuggestField field, String attributeKey, String prefix, Instant from, Instant to, int limit);

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
