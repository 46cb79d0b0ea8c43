package dev.boxscore.demo;

import java.util.EnumMap;
import java.util.Map;

/** What a demo run did: requests, LLM calls by kind, and calls that ended in a provider error. */
final class DemoStats {
  private final Map<LlmCall, Integer> calls = new EnumMap<>(LlmCall.class);
  private int requests;
  private int failedCalls;

  synchronized void request() {
    requests++;
  }

  synchronized void call(LlmCall kind, boolean failed) {
    calls.merge(kind, 1, Integer::sum);
    if (failed) {
      failedCalls++;
    }
  }

  synchronized int requests() {
    return requests;
  }

  synchronized int calls(LlmCall kind) {
    return calls.getOrDefault(kind, 0);
  }

  synchronized int totalCalls() {
    return calls.values().stream().mapToInt(Integer::intValue).sum();
  }

  synchronized int failedCalls() {
    return failedCalls;
  }

  @Override
  public synchronized String toString() {
    return "requests=" + requests + " calls=" + calls + " failed=" + failedCalls;
  }
}
