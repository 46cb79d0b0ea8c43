package dev.boxscore.query.service;

import dev.boxscore.model.pricing.ModelPrice;
import dev.boxscore.model.pricing.PriceCatalog;
import dev.boxscore.query.api.ModelsResponse;
import dev.boxscore.query.api.ScoreResponse;
import dev.boxscore.query.api.ServicesResponse;
import dev.boxscore.query.api.SpanResponse;
import dev.boxscore.query.api.SuggestResponse;
import dev.boxscore.query.api.TraceHistogramPointResponse;
import dev.boxscore.query.api.TraceHistogramResponse;
import dev.boxscore.query.api.TraceListResponse;
import dev.boxscore.query.api.TraceResponse;
import dev.boxscore.query.api.TraceSummaryResponse;
import dev.boxscore.query.config.QueryConfig;
import dev.boxscore.query.mapping.PriceApiMapper;
import dev.boxscore.query.mapping.ScoreApiMapper;
import dev.boxscore.query.mapping.TraceApiMapper;
import dev.boxscore.query.scope.ProjectScope;
import dev.boxscore.query.service.search.SearchQueryParser;
import dev.boxscore.storage.SpanRow;
import dev.boxscore.storage.TracePage;
import dev.boxscore.storage.TraceQuery;
import dev.boxscore.storage.TraceSummary;
import dev.boxscore.storage.analytics.Group;
import dev.boxscore.storage.analytics.PricingUnit;
import dev.boxscore.storage.analytics.TokenSums;
import dev.boxscore.storage.search.SuggestField;
import dev.boxscore.storage.search.TextMatch;
import dev.boxscore.storage.search.TraceBucket;
import dev.boxscore.storage.search.TraceFilter;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

  /** A page of the traces matching the filter, priced with the project's prices. */
  public TraceListResponse find(TraceQuery query) {
    TraceFilter filter = priced(query.filter(), query.from(), query.to());
    TracePage page =
        scope
            .traces()
            .findTraces(
                new TraceQuery(filter, query.from(), query.to(), query.limit(), query.cursor()));
    PriceCatalog catalog =
        page.traces().stream().anyMatch(t -> t.llmCalls() > 0) ? pricing.catalog() : null;
    List<String> phrases =
        filter.texts().stream().filter(t -> !t.negated()).map(TextMatch::phrase).toList();
    return new TraceListResponse(
        page.traces().stream().map(t -> summary(t, catalog, phrases)).toList(),
        page.next() == null ? null : page.next().encode());
  }

  /** Matching traces per bucket; about {@code buckets} buckets of whole seconds over the range. */
  public TraceHistogramResponse histogram(
      TraceFilter filter, Instant from, Instant to, int buckets) {
    long seconds = Math.max(1, (Duration.between(from, to).toSeconds() + buckets - 1) / buckets);
    List<TraceBucket> counts =
        scope.traces().histogram(priced(filter, from, to), from, to, Duration.ofSeconds(seconds));
    return new TraceHistogramResponse(
        from,
        to,
        seconds,
        counts.stream()
            .map(b -> new TraceHistogramPointResponse(b.start(), b.traces(), b.errors()))
            .toList());
  }

  /** The search bar's completions: keys, or values of a key that start with the prefix. */
  public SuggestResponse suggest(String key, String prefix, Instant from, Instant to, int limit) {
    if (key == null || key.isEmpty()) {
      return new SuggestResponse(SearchQueryParser.KEYS, null, null);
    }
    String lower = key.toLowerCase(Locale.ROOT);
    String p = prefix == null ? "" : prefix;
    List<String> values =
        switch (lower) {
          case "status" ->
              List.of("error", "ok").stream()
                  .filter(v -> v.startsWith(p.toLowerCase(Locale.ROOT)))
                  .toList();
          case "attr", "attr." ->
              scope.traces().suggest(SuggestField.ATTRIBUTE_KEY, null, p, from, to, limit);
          default -> {
            if (lower.startsWith("attr.")) {
              yield scope
                  .traces()
                  .suggest(SuggestField.ATTRIBUTE_VALUE, key.substring(5), p, from, to, limit);
            }
            SuggestField field = SUGGESTABLE.get(lower);
            if (field == null) {
              yield List.of();
            }
            yield scope.traces().suggest(field, null, p, from, to, limit);
          }
        };
    return new SuggestResponse(null, key, values);
  }

  private static final Map<String, SuggestField> SUGGESTABLE =
      Map.of(
          "service", SuggestField.SERVICE,
          "model", SuggestField.MODEL,
          "provider", SuggestField.PROVIDER,
          "user", SuggestField.USER,
          "session", SuggestField.SESSION,
          "prompt", SuggestField.PROMPT);

  /**
   * The filter with the project's price of every provider, model and day of the range, when it
   * compares cost: the search then prices calls as the trace list and analytics do.
   */
  private TraceFilter priced(TraceFilter filter, Instant from, Instant to) {
    return filter.comparesCost() ? filter.withPrices(pricing.unitPrices(from, to)) : filter;
  }

  private static TraceSummaryResponse summary(
      TraceSummary trace, PriceCatalog catalog, List<String> phrases) {
    CostTally tally = new CostTally();
    trace.pricingUnits().forEach(unit -> tally.add(unit, catalog));
    // Calls the pricing read did not see (none expected) are unpriced, never silently free.
    long unpriced = trace.llmCalls() - tally.pricedCalls();
    return TraceApiMapper.summary(trace, tally.cost(), unpriced, phrases);
  }

  public Optional<TraceResponse> get(String traceId) {
    List<SpanRow> spans = scope.traces().getTrace(traceId, config.maxSpansPerTrace());
    if (spans.isEmpty()) {
      return Optional.empty();
    }
    PriceCatalog catalog = spans.stream().anyMatch(SpanRow::isLlm) ? pricing.catalog() : null;
    List<ScoreResponse> scores =
        scope.scores().forTrace(traceId).stream().map(ScoreApiMapper::score).toList();
    return Optional.of(
        new TraceResponse(traceId, spans.stream().map(row -> span(row, catalog)).toList(), scores));
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
