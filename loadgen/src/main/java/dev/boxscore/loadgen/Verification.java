package dev.boxscore.loadgen;

import java.util.List;

/**
 * What the query API showed after the run: the run's LLM calls against those acknowledged, the
 * sampled traces span by span, and how long storage took to catch up after the last acknowledgement
 * ({@code drainMillis}, null when it never did). {@code error} says why the check could not finish.
 */
public record Verification(
    CountCheck llmCalls,
    int tracesChecked,
    int tracesComplete,
    long spansExpected,
    long spansFound,
    long spansMissing,
    long spansDuplicated,
    long spansUnexpected,
    Long drainMillis,
    String error) {

  static Verification of(CountCheck llmCalls, List<TraceCheck> traces, Long drainMillis) {
    int complete = 0;
    long expected = 0;
    long found = 0;
    long missing = 0;
    long duplicated = 0;
    long unexpected = 0;
    for (TraceCheck t : traces) {
      complete += t.ok() ? 1 : 0;
      expected += t.expected();
      found += t.found();
      missing += t.missing();
      duplicated += t.duplicated();
      unexpected += t.unexpected();
    }
    return new Verification(
        llmCalls,
        traces.size(),
        complete,
        expected,
        found,
        missing,
        duplicated,
        unexpected,
        drainMillis,
        null);
  }

  static Verification failed(String error) {
    return new Verification(null, 0, 0, 0, 0, 0, 0, 0, null, error);
  }

  /** Every acknowledged LLM call stored once, and every sampled trace exactly as sent. */
  public boolean ok() {
    return error == null && llmCalls != null && llmCalls.ok() && tracesComplete == tracesChecked;
  }
}
