package dev.boxscore.query.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.boxscore.query.api.LlmResponse;
import dev.boxscore.query.api.PriceResponse;
import dev.boxscore.query.api.SpanResponse;
import dev.boxscore.query.api.TraceSummaryResponse;
import dev.boxscore.storage.SpanRow;
import dev.boxscore.storage.TraceSummary;
import java.io.IOException;
import java.math.BigDecimal;

/** Maps storage rows to the API's answers. */
public final class TraceApiMapper {
  private static final ObjectMapper JSON = new ObjectMapper();

  private TraceApiMapper() {}

  /**
   * @param costUsd the trace's priced calls' cost, computed at query time; null when none could be
   *     priced
   * @param unpricedCalls its LLM calls without a price or token counts
   */
  public static TraceSummaryResponse summary(
      TraceSummary t, BigDecimal costUsd, long unpricedCalls) {
    return new TraceSummaryResponse(
        t.traceId(),
        t.service(),
        t.rootName(),
        t.startTime(),
        millis(t.durationNanos()),
        t.spanCount(),
        t.llmCalls(),
        t.inputTokens(),
        t.outputTokens(),
        costUsd,
        unpricedCalls,
        t.estimatedCalls(),
        t.models(),
        t.hasError());
  }

  /**
   * @param costUsd an LLM span's cost computed at query time (null when unpriced, and for other
   *     spans)
   * @param price the price it was computed with
   */
  public static SpanResponse span(SpanRow row, BigDecimal costUsd, PriceResponse price) {
    return new SpanResponse(
        row.spanId(),
        row.parentSpanId().isEmpty() ? null : row.parentSpanId(),
        row.name(),
        row.service(),
        row.kind(),
        row.startTime(),
        millis(row.durationNanos()),
        row.statusCode(),
        row.statusMessage(),
        row.scopeName(),
        row.attributes(),
        row.resourceAttributes(),
        row.eventsJson().isEmpty() ? JSON.createArrayNode() : json(row.eventsJson()),
        row.isLlm() ? llm(row, costUsd, price) : null);
  }

  private static LlmResponse llm(SpanRow row, BigDecimal costUsd, PriceResponse price) {
    return new LlmResponse(
        blankToNull(row.llmProvider()),
        blankToNull(row.llmOperation()),
        blankToNull(row.requestModel()),
        blankToNull(row.responseModel()),
        row.usageReported(),
        row.tokensEstimated(),
        row.inputTokens(),
        row.outputTokens(),
        row.cacheReadTokens(),
        row.cacheWriteTokens(),
        row.reasoningTokens(),
        costUsd,
        price,
        row.timeToFirstTokenMs(),
        row.finishReasons(),
        blankToNull(row.responseId()),
        row.streaming(),
        blankToNull(row.systemFingerprint()),
        blankToNull(row.promptFingerprint()),
        blankToNull(row.promptVersion()),
        row.llmInput().isEmpty() ? null : json(row.llmInput()),
        row.llmOutput().isEmpty() ? null : json(row.llmOutput()));
  }

  /** Stored JSON as a tree; text that is not JSON comes back as a string, never lost. */
  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      return TextNode.valueOf(text);
    }
  }

  static double millis(long nanos) {
    return nanos / 1_000_000.0;
  }

  private static String blankToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
