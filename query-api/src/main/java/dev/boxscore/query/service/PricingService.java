package dev.boxscore.query.service;

import dev.boxscore.model.pricing.ModelPrice;
import dev.boxscore.model.pricing.PriceCatalog;
import dev.boxscore.storage.analytics.ProjectPrice;
import dev.boxscore.query.scope.ProjectPrices;
import dev.boxscore.query.scope.ProjectScope;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.List;

/**
 * The prices a project's calls are costed with: its own prices (stored, see {@link PriceStore}) in front of the
 * built-in catalog. Read on every analytics request, so a new or corrected price re-prices history at once.
 */
@ApplicationScoped
public class PricingService {
  private final ProjectScope scope;

  PricingService(ProjectScope scope) {
    this.scope = scope;
  }

  private ProjectPrices store() {
    return scope.prices();
  }

  /** The catalog for a project's calls. */
  public PriceCatalog catalog() {
    return PriceCatalog.builtIn().overriddenBy(projectPrices());
  }

  public List<ModelPrice> builtInPrices() {
    return PriceCatalog.builtIn().prices();
  }

  public List<ModelPrice> projectPrices() {
    return store().prices().stream().map(PricingService::toModel).toList();
  }

  public void put(ModelPrice price) {
    store().put(toStored(price));
  }

  public boolean delete(String provider, String modelPattern, LocalDate effectiveFrom) {
    return store().delete(provider, modelPattern, effectiveFrom);
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
