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
