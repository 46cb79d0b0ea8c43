package dev.boxscore.query.scope;

import dev.boxscore.auth.directory.KeyDirectory;
import dev.boxscore.storage.clickhouse.ClickHouseStorage;
import dev.boxscore.storage.scores.ScoreStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

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
}
