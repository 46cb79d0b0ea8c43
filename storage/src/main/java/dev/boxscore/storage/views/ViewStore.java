package dev.boxscore.storage.views;

import java.util.List;
import java.util.Optional;

/** The saved views of each project. */
public interface ViewStore {
  /** The project's views, by name. */
  List<SavedView> list(String projectId);

  Optional<SavedView> find(String projectId, String viewId);

  /** Stores the view (a view with the same id is replaced). */
  void save(String projectId, SavedView view);

  /** Deletes it; false when the project has no such view. */
  boolean delete(String projectId, String viewId);
}
