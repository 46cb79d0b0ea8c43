package dev.boxscore.storage;

import dev.boxscore.storage.analytics.PricingUnit;
import java.time.Instant;
import java.util.List;

/**
 * One trace in a listing. Its cost is not stored here: {@code pricingUnits} are its LLM calls'
 * token sums by what a price is looked up by, which the query API prices with the project's prices,
 * as it prices analytics.
 *
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
    List<PricingUnit> pricingUnits) {

  public TraceSummary {
    pricingUnits = List.copyOf(pricingUnits);
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
        units);
  }
}
