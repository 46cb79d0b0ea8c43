package dev.boxscore.query.mapping;

import dev.boxscore.model.pricing.ModelPrice;
import dev.boxscore.model.pricing.PriceCatalog;
import dev.boxscore.query.api.PriceResponse;

/** Maps prices to the API's answers. */
public final class PriceApiMapper {
  public static final String PROJECT = "project";
  public static final String BUILT_IN = "built-in";

  private PriceApiMapper() {}

  public static PriceResponse price(String origin, ModelPrice p) {
    return new PriceResponse(
        origin,
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

  /**
   * A price found in {@code catalog}, saying whether it is the project's own or the built-in one.
   */
  public static PriceResponse price(PriceCatalog catalog, ModelPrice p) {
    return price(catalog.isOverride(p) ? PROJECT : BUILT_IN, p);
  }
}
