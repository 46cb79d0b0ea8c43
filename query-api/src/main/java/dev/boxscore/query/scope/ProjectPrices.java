package dev.boxscore.query.scope;

import dev.boxscore.storage.analytics.PriceStore;
import dev.boxscore.storage.analytics.ProjectPrice;
import java.time.LocalDate;
import java.util.List;

/**
 * The custom prices of one project: the price store with the project fixed when this view is made.
 */
public final class ProjectPrices {
  private final PriceStore store;
  private final String projectId;

  ProjectPrices(PriceStore store, String projectId) {
    this.store = store;
    this.projectId = projectId;
  }

  public List<ProjectPrice> prices() {
    return store.prices(projectId);
  }

  public void put(ProjectPrice price) {
    store.put(projectId, price);
  }

  public boolean delete(String provider, String modelPattern, LocalDate effectiveFrom) {
    return store.delete(projectId, provider, modelPattern, effectiveFrom);
  }
}
