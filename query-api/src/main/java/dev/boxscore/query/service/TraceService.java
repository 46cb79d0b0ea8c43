package dev.boxscore.query.service;

import dev.boxscore.model.pricing.ModelPrice;
import dev.boxscore.model.pricing.PriceCatalog;
import dev.boxscore.query.api.ModelsResponse;
import dev.boxscore.query.api.ServicesResponse;
import dev.boxscore.query.api.SpanResponse;
import dev.boxscore.query.api.TraceListResponse;
import dev.boxscore.query.api.TraceResponse;
import dev.boxscore.query.api.TraceSummaryResponse;
import dev.boxscore.query.config.QueryConfig;
import dev.boxscore.query.mapping.PriceApiMapper;
import dev.boxscore.query.mapping.TraceApiMapper;
import dev.boxscore.query.scope.ProjectScope;
import dev.boxscore.storage.SpanRow;
import dev.boxscore.storage.TracePage;
import dev.boxscore.storage.TraceQuery;
import dev.boxscore.storage.TraceSummary;
import dev.boxscore.storage.analytics.Group;
import dev.boxscore.storage.analytics.PricingUnit;
import dev.boxscore.storage.analytics.TokenSums;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * Trace search and retrieval in the caller's project (the only project {@link ProjectScope} hands
 * out). Costs are computed here from stored tokens with the project's prices, through the same
 * {@link CostTally} analytics use, so a trace, its spans and every analytics figure agree on what a
 * call cost.
 */
@ApplicationScoped
public class TraceService {

  private final ProjectScope scope;
  private final QueryConfig config;
  private final PricingService pricing;

  TraceService(ProjectScope scope, QueryConfig config, PricingService pricing) {
    this.scope = scope;
    this.config = config;
    this.pricing = pricing;
  }

  public TraceListResponse find(TraceQuery query) {
    TracePage page = scope.traces().findTraces(query);
    PriceCatalog catalog =
        page.traces().stream().anyMatch(t -> t.llmCalls() > 0) ? pricing.catalog() : null;
    return new TraceListResponse(
        page.traces().stream().map(t -> summary(t, catalog)).toList(),
        page.next() == null ? null : page.next().encode());
  }

  private static TraceSummaryResponse summary(TraceSummary trace, PriceCatalog catalog) {
    CostTally tally = new CostTally();
    trace.pricingUnits().forEach(unit -> tally.add(unit, catalog));
    // Calls the pricing read did not see (none expected) are unpriced, never silently free.
    long unpriced = trace.llmCalls() - tally.pricedCalls();
    return TraceApiMapper.summary(trace, tally.cost(), unpriced);
  }

  public Optional<TraceResponse> get(String traceId) {
    List<SpanRow> spans = scope.traces().getTrace(traceId, config.maxSpansPerTrace());
    if (spans.isEmpty()) {
      return Optional.empty();
    }
    PriceCatalog catalog = spans.stream().anyMatch(SpanRow::isLlm) ? pricing.catalog() : null;
    return Optional.of(
        new TraceResponse(traceId, spans.stream().map(row -> span(row, catalog)).toList()));
  }

  private static SpanResponse span(SpanRow row, PriceCatalog catalog) {
    if (!row.isLlm()) {
      return TraceApiMapper.span(row, null, null);
    }
    PricingUnit unit = unitOf(row);
    Optional<ModelPrice> price = CostTally.priceOf(catalog, unit);
    CostTally tally = new CostTally();
    tally.add(unit, price, CostTally.modelOf(unit));
    return TraceApiMapper.span(
        row,
        tally.cost(),
        tally.pricedCalls() == 0 ? null : PriceApiMapper.price(catalog, price.get()));
  }

  /** One call as the unit analytics price, so a span is priced exactly as its rollup row is. */
  static PricingUnit unitOf(SpanRow row) {
    boolean hasTokens = row.usageReported() || row.tokensEstimated();
    return new PricingUnit(
        Group.NONE,
        row.llmProvider(),
        row.requestModel(),
        row.responseModel(),
        row.startTime().atZone(ZoneOffset.UTC).toLocalDate(),
        1,
        "ERROR".equals(row.statusCode()) ? 1 : 0,
        hasTokens ? 1 : 0,
        row.tokensEstimated() ? 1 : 0,
        new TokenSums(
            row.inputTokens(),
            row.outputTokens(),
            row.cacheReadTokens(),
            row.cacheWriteTokens(),
            row.reasoningTokens()));
  }

  public ServicesResponse services(Instant since) {
    return new ServicesResponse(scope.traces().services(since));
  }

  public ModelsResponse models(Instant since) {
    return new ModelsResponse(scope.traces().models(since));
  }
}
