package dev.boxscore.storage.scores;

import java.util.List;
import java.util.Optional;

/** The score configs of each project. */
public interface ScoreConfigStore {
  /** The project's configs, archived ones last. */
  List<ScoreConfig> list(String projectId);

  Optional<ScoreConfig> find(String projectId, String configId);

  /** Stores the config (one with the same id is replaced: how it is archived). */
  void save(String projectId, ScoreConfig config);
}
