package dev.boxscore.query.service;

import dev.boxscore.model.pricing.ModelPrice;
import dev.boxscore.model.pricing.PriceCatalog;
import dev.boxscore.storage.analytics.PriceStore;
import dev.boxscore.storage.analytics.ProjectPrice;
import dev.boxscore.storage.clickhouse.ClickHouseStorage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.time.LocalDate;
import java.util.List;

/**
 * The prices a project's calls are costed with: its own prices (stored, see {@link PriceStore}) in front of the
 * built-in catalog. Read on every analytics request, so a new or corrected price re-prices history at once.
 */
@ApplicationScoped
public class PricingService {
  private final Instance<ClickHouseStorage> storage;

  PricingService(Instance<ClickHouseStorage> storage) {
    this.storage = storage;
  }

  private PriceStore store() {
    return storage.get().priceStore();
  }

  /** The catalog for a project's calls. */
  public PriceCatalog catalog(String projectId) {
    return PriceCatalog.builtIn().overriddenBy(projectPrices(projectId));
  }

  public List<ModelPrice> builtInPrices() {
    return PriceCatalog.builtIn().prices();
  }

  public List<ModelPrice> projectPrices(String projectId) {
    return store().prices(projectId).stream().map(PricingService::toModel).toList();
  }

  public void put(String projectId, ModelPrice price) {
    store().put(projectId, toStored(price));
  }

  public boolean delete(String projectId, String provider, String modelPattern, LocalDate effectiveFrom) {
    return store().delete(projectId, provider, modelPattern, effectiveFrom);
  }

  static ModelPrice toModel(ProjectPrice p) {
    return new ModelPrice(
        p.provider(), p.modelPattern(), p.anyProvider(), p.inputPerMillion(), p.outputPerMillion(),
        p.cacheReadPerMillion(), p.cacheWritePerMillion(), p.reasoningPerMillion(), p.effectiveFrom(),
        p.source());
  }

  static ProjectPrice toStored(ModelPrice p) {
    return new ProjectPrice(
        p.provider(), p.modelPattern(), p.anyProvider(), p.inputPerMillion(), p.outputPerMillion(),
        p.cacheReadPerMillion(), p.cacheWritePerMillion(), p.reasoningPerMillion(), p.effectiveFrom(),
        p.source());
  }
}
