package dev.boxscore.query.service;

import dev.boxscore.model.pricing.ModelPrice;
import dev.boxscore.model.pricing.PriceCatalog;
import dev.boxscore.query.config.QueryConfig;
import dev.boxscore.query.scope.ProjectPrices;
import dev.boxscore.query.scope.ProjectScope;
import dev.boxscore.storage.analytics.ProjectPrice;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.List;
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

  static ModelPrice toModel(ProjectPrice p) {
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
