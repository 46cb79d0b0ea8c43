package dev.boxscore.query.service;

import dev.boxscore.model.TokenUsage;
import dev.boxscore.model.pricing.ModelPrice;
import dev.boxscore.model.pricing.PriceCatalog;
import dev.boxscore.storage.analytics.PricingUnit;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The cost of a set of calls, added up from {@link PricingUnit}s priced with the price valid on
 * each unit's day. A call without token counts, or of a model without a price, is counted as
 * unpriced and adds nothing: the cost is then a lower bound, and it is null (never 0) when no call
 * at all could be priced.
 */
final class CostTally {
  private BigDecimal cost = BigDecimal.ZERO;
  private long pricedCalls;
  private long unpricedCalls;
  private long estimatedCalls;
  private final Set<String> unpricedModels = new TreeSet<>();

  /**
   * Adds a unit priced by its own model (the response model when known, else the request model).
   */
  void add(PricingUnit unit, PriceCatalog catalog) {
    add(unit, priceOf(catalog, unit), modelOf(unit));
  }

  /** Adds a unit priced as if its calls had used {@code price} (the what-if question). */
  void add(PricingUnit unit, Optional<ModelPrice> price, String model) {
    long withoutTokens = unit.calls() - unit.tokenCalls();
    unpricedCalls += withoutTokens;
    if (unit.tokenCalls() > 0) {
      if (price.isPresent()) {
        cost = cost.add(price.get().cost(usage(unit)));
        pricedCalls += unit.tokenCalls();
        estimatedCalls += unit.estimatedCalls();
      } else {
        unpricedCalls += unit.tokenCalls();
        unpricedModels.add(model.isEmpty() ? "(unknown model)" : model);
      }
    } else if (withoutTokens > 0 && price.isEmpty()) {
      unpricedModels.add(model.isEmpty() ? "(unknown model)" : model);
    }
  }

  static Optional<ModelPrice> priceOf(
      PriceCatalog catalog, String provider, String model, java.time.LocalDate day) {
    if (model == null || model.isEmpty()) {
      return Optional.empty();
    }
    Instant at = day.atStartOfDay(ZoneOffset.UTC).toInstant();
    return catalog.find(provider.isEmpty() ? null : provider, model, at);
  }

  /**
   * The price a unit's calls are billed at: its response model's, else its request model's, as
   * served by its provider, valid on its day.
   */
  static Optional<ModelPrice> priceOf(PriceCatalog catalog, PricingUnit unit) {
    Optional<ModelPrice> price =
        priceOf(catalog, unit.provider(), unit.responseModel(), unit.day());
    return price.isPresent()
        ? price
        : priceOf(catalog, unit.provider(), unit.requestModel(), unit.day());
  }

  static String modelOf(PricingUnit unit) {
    return unit.responseModel().isEmpty() ? unit.requestModel() : unit.responseModel();
  }

  private static TokenUsage usage(PricingUnit unit) {
    var t = unit.tokens();
    return new TokenUsage(
        t.input(), t.output(), t.cacheRead(), t.cacheWrite(), t.reasoning(), true);
  }

  /** Null when nothing could be priced. */
  BigDecimal cost() {
    return pricedCalls == 0 ? null : cost.stripTrailingZeros();
  }

  long pricedCalls() {
    return pricedCalls;
  }

  long unpricedCalls() {
    return unpricedCalls;
  }

  long estimatedCalls() {
    return estimatedCalls;
  }

  Set<String> unpricedModels() {
    return unpricedModels;
  }
}
