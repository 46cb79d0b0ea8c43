package dev.boxscore.storage;

import dev.boxscore.storage.analytics.PricingUnit;
import dev.boxscore.storage.search.TextHit;
import java.time.Instant;
import java.util.List;

/**
 * One trace in a listing. Its cost is not stored here: {@code pricingUnits} are its LLM calls'
 * token sums by what a price is looked up by, which the query API prices with the project's prices,
 * as it prices analytics.
 *
 * @param userId the end user of its first span that names one; "" when none does
 * @param sessionId the conversation of its first span that names one; "" when none does
 * @param textHit where a full-text search matched it; null without one
 * @param estimatedCalls LLM calls whose provider reported no usage, with tokens estimated by
 *     Boxscore
 */
public record TraceSummary(
    String traceId,
    String service,
    String rootName,
    Instant startTime,
    long durationNanos,
    long spanCount,
    long llmCalls,
    long inputTokens,
    long outputTokens,
    long estimatedCalls,
    List<String> models,
    boolean hasError,
    String userId,
    String sessionId,
    TextHit textHit,
    List<PricingUnit> pricingUnits) {

  public TraceSummary {
    pricingUnits = List.copyOf(pricingUnits);
  }

  /** This trace with where a full-text search matched it. */
  public TraceSummary withTextHit(TextHit hit) {
    return new TraceSummary(
        traceId,
        service,
        rootName,
        startTime,
        durationNanos,
        spanCount,
        llmCalls,
        inputTokens,
        outputTokens,
        estimatedCalls,
        models,
        hasError,
        userId,
        sessionId,
        hit,
        pricingUnits);
  }

  /** This trace with the pricing units of its LLM calls. */
  public TraceSummary withPricingUnits(List<PricingUnit> units) {
    return new TraceSummary(
        traceId,
        service,
        rootName,
        startTime,
        durationNanos,
        spanCount,
        llmCalls,
        inputTokens,
        outputTokens,
        estimatedCalls,
        models,
        hasError,
        userId,
        sessionId,
        textHit,
        units);
  }
}
