package dev.boxscore.storage.clickhouse;

import dev.boxscore.storage.SpanRow;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** LLM span rows with chosen values, for tests. */
final class LlmRows {
  private static final AtomicLong IDS = new AtomicLong();

  private LlmRows() {}

  static SpanRow call(
      String project, String service, String requestModel, String responseModel, String fingerprint,
      Instant start, long durationMs, Double ttftMs, boolean error, long input, long output, long cacheRead,
      boolean reported, boolean estimated, List<String> finish) {
    long id = IDS.incrementAndGet();
    return new SpanRow(
        project, String.format("%032x", id), String.format("%016x", id), "", "chat " + requestModel, "CLIENT",
        service, "test", "1", start, durationMs * 1_000_000L, error ? "ERROR" : "UNSET", "", Map.of(), Map.of(),
        "", true, "openai", "chat", requestModel, responseModel, reported, input, output, cacheRead, 0, 0, null,
        ttftMs, finish, "", ttftMs != null, fingerprint, "", "v1", "", "", Instant.now(), estimated);
  }
}
