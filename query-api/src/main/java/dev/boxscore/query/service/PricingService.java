package dev.boxscore.query.service;

import dev.boxscore.model.pricing.ModelPrice;
import dev.boxscore.model.pricing.PriceCatalog;
import dev.boxscore.query.api.PricePreviewResponse;
import dev.boxscore.query.config.QueryConfig;
import dev.boxscore.query.scope.ProjectPrices;
import dev.boxscore.query.scope.ProjectScope;
import dev.boxscore.storage.analytics.CallFilter;
import dev.boxscore.storage.analytics.PricingUnit;
import dev.boxscore.storage.analytics.ProjectPrice;
import dev.boxscore.storage.analytics.RollupQuery;
import dev.boxscore.storage.search.UnitPrice;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The prices a project's calls are costed with: its own prices (stored, see {@link PriceStore}) in
 * front of the built-in catalog. Cost is computed when asked, so a new or corrected price re-prices
 * history: at once through this process, within {@link QueryConfig#priceCacheTtl()} through another
 * one (every analytics request needs the catalog, and reading it from the engine each time was one
 * more query per request).
 */
@ApplicationScoped
public class PricingService {
  private final ProjectScope scope;
  private final long ttlNanos;
  private final ConcurrentHashMap<String, Loaded> catalogs = new ConcurrentHashMap<>();

  /**
   * A project's catalog and when its read began (a read that began earlier never replaces a later
   * one).
   */
  private record Loaded(PriceCatalog catalog, long startedNanos) {}

  PricingService(ProjectScope scope, QueryConfig config) {
    this.scope = scope;
    this.ttlNanos = config.priceCacheTtl().toNanos();
  }

  private ProjectPrices store() {
    return scope.prices();
  }

  /**
   * The price of every provider, request and response model and day the project's calls in [from,
   * to) have, resolved with {@code catalog}: what SQL-side pricing (search by cost, users,
   * sessions) multiplies tokens by, so those costs agree with the trace list and analytics.
   */
  public List<UnitPrice> unitPrices(PriceCatalog catalog, Instant from, Instant to) {
    List<PricingUnit> units =
        scope
            .analytics()
            .pricingUnits(
                new RollupQuery(
                    from.minus(Duration.ofHours(1)),
                    to.plus(Duration.ofHours(1)),
                    Duration.ofDays(1),
                    CallFilter.ANY,
                    Set.of()));
    Map<String, UnitPrice> prices = new LinkedHashMap<>();
    for (PricingUnit unit : units) {
      String key =
          unit.provider()
              + '|'
              + unit.requestModel()
              + '|'
              + unit.responseModel()
              + '|'
              + unit.day();
      if (!prices.containsKey(key)) {
        CostTally.priceOf(catalog, unit).ifPresent(p -> prices.put(key, unitPrice(unit, p)));
      }
    }
    return List.copyOf(prices.values());
  }

  /** {@link #unitPrices(PriceCatalog, Instant, Instant)} with the project's catalog. */
  public List<UnitPrice> unitPrices(Instant from, Instant to) {
    return unitPrices(catalog(), from, to);
  }

  private static UnitPrice unitPrice(PricingUnit unit, ModelPrice p) {
    double input = p.inputPerMillion().doubleValue();
    double output = p.outputPerMillion().doubleValue();
    return new UnitPrice(
        unit.provider(),
        unit.requestModel(),
        unit.responseModel(),
        unit.day(),
        input,
        output,
        p.cacheReadPerMillion() == null ? input : p.cacheReadPerMillion().doubleValue(),
        p.cacheWritePerMillion() == null ? input : p.cacheWritePerMillion().doubleValue(),
        p.reasoningPerMillion() == null ? output : p.reasoningPerMillion().doubleValue());
  }

  /**
   * What adding or replacing {@code price} would do to the cost of [from, to): the calls it would
   * price and their cost now and with it.
   */
  public PricePreviewResponse preview(ModelPrice price, Instant from, Instant to) {
    PriceCatalog current = catalog();
    List<ModelPrice> own = new ArrayList<>();
    for (ModelPrice p : projectPrices()) {
      boolean replaced =
          p.provider().equals(price.provider())
              && p.modelPattern().equals(price.modelPattern())
              && p.effectiveFrom().equals(price.effectiveFrom());
      if (!replaced) {
        own.add(p);
      }
    }
    own.add(price);
    PriceCatalog changed = PriceCatalog.builtIn().overriddenBy(own);
    CostTally before = new CostTally();
    CostTally after = new CostTally();
    long calls = 0;
    for (PricingUnit unit :
        scope
            .analytics()
            .pricingUnits(
                new RollupQuery(from, to, Duration.ofDays(1), CallFilter.ANY, Set.of()))) {
      Optional<ModelPrice> now = CostTally.priceOf(current, unit);
      Optional<ModelPrice> then = CostTally.priceOf(changed, unit);
      if (then.isPresent() && then.get().equals(price)) {
        calls += unit.calls();
        before.add(unit, now, CostTally.modelOf(unit));
        after.add(unit, then, CostTally.modelOf(unit));
      }
    }
    BigDecimal was = before.cost() == null ? BigDecimal.ZERO : before.cost();
    BigDecimal will = after.cost() == null ? BigDecimal.ZERO : after.cost();
    return new PricePreviewResponse(
        from, to, calls, was, will, will.subtract(was).stripTrailingZeros());
  }

  /** The catalog for the caller's project's calls. */
  public PriceCatalog catalog() {
    Loaded cached = catalogs.get(scope.projectId());
    if (cached != null && System.nanoTime() - cached.startedNanos() < ttlNanos) {
      return cached.catalog();
    }
    return load();
  }

  private PriceCatalog load() {
    long started = System.nanoTime();
    PriceCatalog catalog = PriceCatalog.builtIn().overriddenBy(projectPrices());
    catalogs.merge(
        scope.projectId(),
        new Loaded(catalog, started),
        (old, read) -> read.startedNanos() - old.startedNanos() > 0 ? read : old);
    return catalog;
  }

  public List<ModelPrice> builtInPrices() {
    return PriceCatalog.builtIn().prices();
  }

  public List<ModelPrice> projectPrices() {
    return store().prices().stream().map(PricingService::toModel).toList();
  }

  public void put(ModelPrice price) {
    store().put(toStored(price));
    load();
  }

  public boolean delete(String provider, String modelPattern, LocalDate effectiveFrom) {
    boolean deleted = store().delete(provider, modelPattern, effectiveFrom);
    load();
    return deleted;
  }

  /** A stored project price as the catalog takes it (the LLM judge prices its calls so too). */
  public static ModelPrice toModel(ProjectPrice p) {
    return new ModelPrice(
        p.provider(),
        p.modelPattern(),
        p.anyProvider(),
        p.inputPerMillion(),
        p.outputPerMillion(),
        p.cacheReadPerMillion(),
        p.cacheWritePerMillion(),
        p.reasoningPerMillion(),
        p.effectiveFrom(),
        p.source());
  }

  static ProjectPrice toStored(ModelPrice p) {
    return new ProjectPrice(
        p.provider(),
        p.modelPattern(),
        p.anyProvider(),
        p.inputPerMillion(),
        p.outputPerMillion(),
        p.cacheReadPerMillion(),
        p.cacheWritePerMillion(),
        p.reasoningPerMillion(),
        p.effectiveFrom(),
        p.source());
  }
}
