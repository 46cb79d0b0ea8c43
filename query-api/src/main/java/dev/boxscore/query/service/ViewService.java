package dev.boxscore.query.service;

import dev.boxscore.query.api.ViewListResponse;
import dev.boxscore.query.api.ViewResponse;
import dev.boxscore.query.scope.ProjectScope;
import dev.boxscore.storage.views.SavedView;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/** The caller's project's saved views; a view saved under a name it already has replaces it. */
@ApplicationScoped
public class ViewService {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final ProjectScope scope;

  ViewService(ProjectScope scope) {
    this.scope = scope;
  }

  public ViewListResponse list() {
    return new ViewListResponse(scope.views().list().stream().map(ViewService::view).toList());
  }

  /** The stored view, and whether it replaced one of the same name. */
  public record Saved(ViewResponse view, boolean replaced) {}

  public Saved save(String name, String query) {
    Optional<SavedView> same =
        scope.views().list().stream().filter(v -> v.name().equals(name)).findFirst();
    SavedView view =
        same.map(v -> new SavedView(v.id(), name, query, v.createdAt()))
            .orElseGet(
                () -> {
                  byte[] id = new byte[8];
                  RANDOM.nextBytes(id);
                  return new SavedView(
                      "view_" + HexFormat.of().formatHex(id), name, query, Instant.now());
                });
    scope.views().save(view);
    return new Saved(view(view), same.isPresent());
  }

  public boolean delete(String viewId) {
    return scope.views().delete(viewId);
  }

  private static ViewResponse view(SavedView v) {
    return new ViewResponse(v.id(), v.name(), v.query(), v.createdAt());
  }
}
