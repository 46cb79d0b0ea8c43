package dev.boxscore.query.scope;

import dev.boxscore.storage.views.SavedView;
import dev.boxscore.storage.views.ViewStore;
import java.util.List;
import java.util.Optional;

/** The saved views of one project: the store with the project fixed when this view is made. */
public final class ProjectViews {
  private final ViewStore store;
  private final String projectId;

  ProjectViews(ViewStore store, String projectId) {
    this.store = store;
    this.projectId = projectId;
  }

  public List<SavedView> list() {
    return store.list(projectId);
  }

  public Optional<SavedView> find(String viewId) {
    return store.find(projectId, viewId);
  }

  public void save(SavedView view) {
    store.save(projectId, view);
  }

  public boolean delete(String viewId) {
    return store.delete(projectId, viewId);
  }
}
