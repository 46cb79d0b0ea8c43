package dev.boxscore.query.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.boxscore.query.api.LlmResponse;
import dev.boxscore.query.api.PriceResponse;
import dev.boxscore.query.api.SearchMatchResponse;
import dev.boxscore.query.api.SpanResponse;
import dev.boxscore.query.api.TraceSummaryResponse;
import dev.boxscore.storage.SpanRow;
import dev.boxscore.storage.TraceSummary;
import dev.boxscore.storage.search.TextHit;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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
      TraceSummary t, BigDecimal costUsd, long unpricedCalls, List<String> phrases) {
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
        t.hasError(),
        t.userId().isEmpty() ? null : t.userId(),
        t.sessionId().isEmpty() ? null : t.sessionId(),
        t.textHit() == null ? null : match(t.textHit(), phrases));
  }

  static SearchMatchResponse match(TextHit hit, List<String> phrases) {
    String snippet = hit.excerpt();
    String lower = snippet.toLowerCase(Locale.ROOT);
    List<List<Integer>> ranges = new ArrayList<>();
    for (String phrase : phrases) {
      String needle = phrase.toLowerCase(Locale.ROOT);
      for (int i = lower.indexOf(needle);
          i >= 0 && !needle.isEmpty();
          i = lower.indexOf(needle, i + needle.length())) {
        ranges.add(List.of(i, i + needle.length()));
      }
    }
    ranges.sort(java.util.Comparator.comparing((List<Integer> r) -> r.get(0)));
    return new SearchMatchResponse(hit.spanId(), hit.field(), hit.key(), snippet, ranges);
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
