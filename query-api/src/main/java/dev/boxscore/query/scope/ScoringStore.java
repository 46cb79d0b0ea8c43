package dev.boxscore.query.scope;

import dev.boxscore.auth.directory.KeyDirectory;
import dev.boxscore.storage.analytics.ProjectPrice;
import dev.boxscore.storage.clickhouse.ClickHouseStorage;
import dev.boxscore.storage.evaluators.EvaluatorStore;
import dev.boxscore.storage.scores.ScoreStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.List;

/**
 * The scores of every project, for the work the query role does outside any request (attributing
 * pending scores to their calls, the LLM judge), each call naming its project. No endpoint may use
 * this class ({@code OnlyProjectScopeReachesStorageTest}); they reach scores through {@link
 * ProjectScope#scores()}.
 */
@ApplicationScoped
public class ScoringStore {
  private final Instance<ClickHouseStorage> storage;
  private final Instance<KeyDirectory> directory;

  ScoringStore(Instance<ClickHouseStorage> storage, Instance<KeyDirectory> directory) {
    this.storage = storage;
    this.directory = directory;
  }

  public ScoreStore store() {
    return storage.get().scoreStore(project -> directory.get().retentionDays(project));
  }

  /** Every project's LLM-as-judge evaluators, their rounds and the calls they judge. */
  public EvaluatorStore evaluators() {
    return storage.get().evaluatorStore();
  }

  /** A project's own prices (the judge's cost is priced with them over the built-in catalog). */
  public List<ProjectPrice> prices(String projectId) {
    return storage.get().priceStore().prices(projectId);
  }
}
