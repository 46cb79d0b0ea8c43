package dev.boxscore.query.service;

import dev.boxscore.auth.ApiKeyInfo;
import dev.boxscore.auth.CreatedKey;
import dev.boxscore.auth.Project;
import dev.boxscore.auth.Scope;
import dev.boxscore.auth.directory.KeyDirectory;
import dev.boxscore.query.api.CreatedKeyResponse;
import dev.boxscore.query.api.CreatedProjectResponse;
import dev.boxscore.query.api.KeyListResponse;
import dev.boxscore.query.api.KeyResponse;
import dev.boxscore.query.api.ProjectResponse;
import dev.boxscore.query.mapping.AdminApiMapper;
import dev.boxscore.query.scope.ProjectScope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.Optional;
import java.util.Set;

/**
 * Managing the caller's project and its keys; every method acts on {@link ProjectScope#projectId()}
 * only.
 */
@ApplicationScoped
public class AdminService {
  private final Instance<KeyDirectory> directory;
  private final ProjectScope scope;

  AdminService(Instance<KeyDirectory> directory, ProjectScope scope) {
    this.directory = directory;
    this.scope = scope;
  }

  public ProjectResponse project() {
    return AdminApiMapper.project(current());
  }

  public ProjectResponse updateProject(String name, Integer retentionDays) {
    Project p = current();
    Project updated =
        new Project(
            p.id(),
            name == null ? p.name() : name,
            retentionDays == null ? p.retentionDays() : retentionDays,
            p.createdAt());
    return AdminApiMapper.project(directory.get().saveProject(updated));
  }

  public KeyListResponse keys() {
    return new KeyListResponse(
        directory.get().keys(scope.projectId()).stream().map(this::response).toList());
  }

  public CreatedKeyResponse createKey(String name, Set<Scope> scopes, Integer requestsPerSecond) {
    current();
    CreatedKey created =
        directory.get().createKey(scope.projectId(), name, scopes, requestsPerSecond);
    return new CreatedKeyResponse(created.key(), response(created.info()));
  }

  public Optional<KeyResponse> revokeKey(String keyId) {
    return directory.get().revokeKey(scope.projectId(), keyId).map(this::response);
  }

  /**
   * A new project and its first admin key (the caller gets no access to it other than that key).
   */
  public CreatedProjectResponse createProject(String name, int retentionDays) {
    Project p = directory.get().createProject(name, retentionDays);
    CreatedKey key = directory.get().createKey(p.id(), "admin", Set.of(Scope.ADMIN), null);
    return new CreatedProjectResponse(
        AdminApiMapper.project(p), new CreatedKeyResponse(key.key(), response(key.info())));
  }

  private Project current() {
    // The bootstrap project exists from start-up; a key outlives its project only if the project
    // record was lost.
    return directory
        .get()
        .project(scope.projectId())
        .orElseGet(() -> directory.get().ensureProject(scope.projectId(), scope.projectId()));
  }

  private KeyResponse response(ApiKeyInfo k) {
    return AdminApiMapper.key(k, directory.get().lastUsed(k.keyId()).orElse(null));
  }
}
