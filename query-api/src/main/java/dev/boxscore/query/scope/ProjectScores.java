package dev.boxscore.query.scope;

import dev.boxscore.storage.analytics.CallFilter;
import dev.boxscore.storage.analytics.RepeatingWindow;
import dev.boxscore.storage.scores.Score;
import dev.boxscore.storage.scores.ScoreAggregate;
import dev.boxscore.storage.scores.ScoreAggregateQuery;
import dev.boxscore.storage.scores.ScoreConfig;
import dev.boxscore.storage.scores.ScoreConfigStore;
import dev.boxscore.storage.scores.ScoreQuery;
import dev.boxscore.storage.scores.ScoreSample;
import dev.boxscore.storage.scores.ScoreStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The scores and score configs of one project: the stores with the project fixed. */
public final class ProjectScores {
  private final ScoreStore store;
  private final ScoreConfigStore configs;
  private final String projectId;

  ProjectScores(ScoreStore store, ScoreConfigStore configs, String projectId) {
    this.store = store;
    this.configs = configs;
    this.projectId = projectId;
  }

  public void write(List<Score> scores) {
    store.write(projectId, scores);
  }

  public List<Score> forTrace(String traceId) {
    return store.forTrace(projectId, traceId);
  }

  public List<Score> list(ScoreQuery query) {
    return store.list(projectId, query);
  }

  public List<ScoreAggregate> aggregates(ScoreAggregateQuery query) {
    return store.aggregates(projectId, query);
  }

  public List<ScoreSample> samples(
      Instant from, Instant to, CallFilter filter, String name, int maxPerName) {
    return store.samples(projectId, from, to, filter, name, maxPerName);
  }

  public List<ScoreSample> samples(
      RepeatingWindow windows, CallFilter filter, String name, int maxPerName) {
    return store.samples(projectId, windows, filter, name, maxPerName);
  }

  public List<ScoreConfig> configs() {
    return configs.list(projectId);
  }

  public Optional<ScoreConfig> config(String configId) {
    return configs.find(projectId, configId);
  }

  public void saveConfig(ScoreConfig config) {
    configs.save(projectId, config);
  }
}
