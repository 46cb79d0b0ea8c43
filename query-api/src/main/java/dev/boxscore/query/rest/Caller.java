package dev.boxscore.query.rest;

import dev.boxscore.auth.Principal;
import jakarta.enterprise.context.RequestScoped;

/**
 * The authenticated caller of the current request; set by {@link ApiKeyFilter} before any resource
 * runs.
 */
@RequestScoped
public class Caller {
  private Principal principal;

  void set(Principal principal) {
    this.principal = principal;
  }

  /**
   * Makes this request context act for a project with read access: the alert evaluator's, which
   * runs rules outside any HTTP request. Refused where a key already set the caller, so no request
   * can switch project.
   */
  public void actFor(String projectId) {
    if (principal != null && !principal.projectId().equals(projectId)) {
      throw new IllegalStateException("the caller is already set for another project");
    }
    if (principal == null) {
      principal = new Principal(projectId, java.util.Set.of(dev.boxscore.auth.Scope.READ), null);
    }
  }

  /** Refuses (403) a caller whose key is not an admin key of its project. */
  public void requireAdmin(String what) {
    if (!may(dev.boxscore.auth.Scope.ADMIN)) {
      throw new jakarta.ws.rs.ForbiddenException(what + " needs an admin API key");
    }
  }

  /** Whether the caller's key has the scope (ADMIN implies every scope, see Principal). */
  public boolean may(dev.boxscore.auth.Scope scope) {
    return principal != null && principal.may(scope);
  }

  /** The authenticated principal. */
  public dev.boxscore.auth.Principal principal() {
    if (principal == null) {
      throw new IllegalStateException("no authenticated caller");
    }
    return principal;
  }

  /** The project every read of this request is scoped to. */
  public String projectId() {
    if (principal == null) {
      throw new IllegalStateException("no authenticated caller");
    }
    return principal.projectId();
  }
}
