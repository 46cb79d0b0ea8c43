package dev.boxscore.query.scope;

import dev.boxscore.storage.alerts.AlertStore;
import dev.boxscore.storage.clickhouse.ClickHouseStorage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

/**
 * The alert evaluator's store: rules, states and history of every project, each call naming its
 * project. The evaluator works for all projects outside any request, so it cannot use {@link
 * ProjectScope}; no endpoint may use this class ({@code OnlyProjectScopeReachesStorageTest}), they
 * reach alerting data through {@link ProjectScope#alerts()}.
 */
@ApplicationScoped
public class AlertingStore {
  private final Instance<ClickHouseStorage> storage;

  AlertingStore(Instance<ClickHouseStorage> storage) {
    this.storage = storage;
  }

  public AlertStore store() {
    return storage.get().alertStore();
  }
}
