package dev.boxscore.loadgen;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One sampled trace read back by id: which of the spans sent are missing, which came back more than
 * once, and which were never sent.
 */
record TraceCheck(
    String traceId, int expected, int found, int missing, int duplicated, int unexpected) {

  static TraceCheck compare(String traceId, Set<String> sent, List<String> stored) {
    Map<String, Integer> times = new HashMap<>();
    for (String id : stored) {
      times.merge(id, 1, Integer::sum);
    }
    int missing = 0;
    for (String id : sent) {
      if (!times.containsKey(id)) {
        missing++;
      }
    }
    int duplicated = 0;
    int unexpected = 0;
    for (Map.Entry<String, Integer> e : times.entrySet()) {
      if (!sent.contains(e.getKey())) {
        unexpected += e.getValue();
      } else {
        duplicated += e.getValue() - 1;
      }
    }
    return new TraceCheck(traceId, sent.size(), stored.size(), missing, duplicated, unexpected);
  }

  boolean ok() {
    return missing == 0 && duplicated == 0 && unexpected == 0;
  }
}
