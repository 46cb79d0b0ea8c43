package dev.boxscore.storage.clickhouse;

import dev.boxscore.storage.SpanRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** LLM span rows with chosen values, for tests. */
final class LlmRows {
  private static final AtomicLong IDS = new AtomicLong();

  private LlmRows() {}

  static SpanRow call(
      String project,
      String service,
      String requestModel,
      String responseModel,
      String fingerprint,
      Instant start,
      long durationMs,
      Double ttftMs,
      boolean error,
      long input,
      long output,
      long cacheRead,
      boolean reported,
      boolean estimated,
      List<String> finish) {
    return versioned(
        "v1",
        project,
        service,
        requestModel,
        responseModel,
        fingerprint,
        start,
        durationMs,
        ttftMs,
        error,
        input,
        output,
        cacheRead,
        reported,
        estimated,
        finish);
  }

  /** {@link #call} under the prompt version {@code promptVersion}. */
  static SpanRow versioned(
      String promptVersion,
      String project,
      String service,
      String requestModel,
      String responseModel,
      String fingerprint,
      Instant start,
      long durationMs,
      Double ttftMs,
      boolean error,
      long input,
      long output,
      long cacheRead,
      boolean reported,
      boolean estimated,
      List<String> finish) {
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
        durationMs * 1_000_000L,
        error ? "ERROR" : "UNSET",
        "",
        Map.of(),
        Map.of(),
        "",
        true,
        "openai",
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
        fingerprint,
        "",
        promptVersion,
        "",
        "",
        Instant.now(),
        estimated);
  }

  /**
   * The same call carrying {@code eventsJson} (as ingest writes span events) and {@code
   * responseId}.
   */
  static SpanRow withEvents(SpanRow r, String eventsJson, String responseId) {
    return new SpanRow(
        r.projectId(),
        r.traceId(),
        r.spanId(),
        r.parentSpanId(),
        r.name(),
        r.kind(),
        r.service(),
        r.scopeName(),
        r.scopeVersion(),
        r.startTime(),
        r.durationNanos(),
        r.statusCode(),
        r.statusMessage(),
        r.attributes(),
        r.resourceAttributes(),
        eventsJson,
        r.isLlm(),
        r.llmProvider(),
        r.llmOperation(),
        r.requestModel(),
        r.responseModel(),
        r.usageReported(),
        r.inputTokens(),
        r.outputTokens(),
        r.cacheReadTokens(),
        r.cacheWriteTokens(),
        r.reasoningTokens(),
        r.costUsd(),
        r.timeToFirstTokenMs(),
        r.finishReasons(),
        responseId,
        r.streaming(),
        r.systemFingerprint(),
        r.promptFingerprint(),
        r.promptVersion(),
        r.llmInput(),
        r.llmOutput(),
        r.ingestedAt(),
        r.tokensEstimated());
  }

  /** The same call in another trace, with these attributes and prompt version. */
  static SpanRow inTrace(
      SpanRow r, String traceId, Map<String, String> attributes, String promptVersion) {
    return new SpanRow(
        r.projectId(),
        traceId,
        r.spanId(),
        r.parentSpanId(),
        r.name(),
        r.kind(),
        r.service(),
        r.scopeName(),
        r.scopeVersion(),
        r.startTime(),
        r.durationNanos(),
        r.statusCode(),
        r.statusMessage(),
        attributes,
        r.resourceAttributes(),
        r.eventsJson(),
        r.isLlm(),
        r.llmProvider(),
        r.llmOperation(),
        r.requestModel(),
        r.responseModel(),
        r.usageReported(),
        r.inputTokens(),
        r.outputTokens(),
        r.cacheReadTokens(),
        r.cacheWriteTokens(),
        r.reasoningTokens(),
        r.costUsd(),
        r.timeToFirstTokenMs(),
        r.finishReasons(),
        r.responseId(),
        r.streaming(),
        r.systemFingerprint(),
        r.promptFingerprint(),
        promptVersion,
        r.llmInput(),
        r.llmOutput(),
        r.ingestedAt(),
        r.tokensEstimated());
  }

  /**
   * A non-LLM span, with its own id, carrying {@code attributes}: an evaluator's span, child of
   * {@code parent}.
   */
  static SpanRow childSpan(SpanRow parent, Instant start, Map<String, String> attributes) {
    long id = IDS.incrementAndGet();
    return new SpanRow(
        parent.projectId(),
        parent.traceId(),
        String.format("%016x", id),
        parent.spanId(),
        "evaluate",
        "INTERNAL",
        parent.service(),
        "test",
        "1",
        start,
        1_000_000L,
        "UNSET",
        "",
        attributes,
        Map.of(),
        "",
        false,
        "",
        "",
        "",
        "",
        false,
        0,
        0,
        0,
        0,
        0,
        null,
        null,
        List.of(),
        "",
        null,
        "",
        "",
        "",
        "",
        "",
        Instant.now(),
        false);
  }

  /**
   * Two services, two models, four and a half hours: edges from minute rows, the rest from hour
   * rows.
   */
  static List<SpanRow> twoServicesTwoModels(String p, Instant start) {
    List<SpanRow> rows = new ArrayList<>();
    for (int i = 0; i < 270; i++) {
      boolean mini = i % 3 == 0;
      rows.add(
          LlmRows.call(
              p,
              i % 2 == 0 ? "svc-a" : "svc-b",
              mini ? "gpt-4o-mini" : "gpt-4o",
              mini ? "gpt-4o-mini-2024-07-18" : "gpt-4o-2024-08-06",
              i < 200 ? "fp1" : "fp2",
              start.plusSeconds(60L * i + 11),
              10 + i % 97,
              i % 4 == 0 ? 5.0 + i % 13 : null,
              i % 17 == 0,
              100 + i,
              20 + i % 7,
              i % 5,
              true,
              false,
              List.of(i % 20 == 0 ? "length" : "stop")));
    }
    return rows;
  }
}
