package dev.boxscore.server;

import dev.boxscore.storage.SpanRow;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** An LLM span row with chosen values, written by the tests with the real span writer. */
final class LlmRow {
  private static final AtomicLong IDS = new AtomicLong(System.nanoTime());

  String project;
  String service = "svc";
  String provider = "openai";
  String requestModel = "gpt-4o";
  String responseModel = "";
  String systemFingerprint = "";
  String promptVersion = "";
  Instant start;
  double durationMs = 100;
  Double ttftMs;
  boolean error;
  long input;
  long output;
  long cacheRead;
  boolean reported = true;
  boolean estimated;
  List<String> finish = List.of("stop");

  LlmRow(String project, Instant start) {
    this.project = project;
    this.start = start;
  }

  SpanRow row() {
    long id = IDS.incrementAndGet();
    return new SpanRow(
        project,
        String.format("%032x", id),
        String.format("%016x", id),
        "",
        "chat " + requestModel,
        "CLIENT",
        service,
        "test",
        "1",
        start,
        Math.round(durationMs * 1_000_000),
        error ? "ERROR" : "UNSET",
        "",
        Map.of(),
        Map.of(),
        "",
        true,
        provider,
        "chat",
        requestModel,
        responseModel,
        reported,
        input,
        output,
        cacheRead,
        0,
        0,
        null,
        ttftMs,
        finish,
        "",
        ttftMs != null,
        systemFingerprint,
        "",
        promptVersion,
        "",
        "",
        Instant.now(),
        estimated);
  }
}
