package dev.boxscore.auth;

import java.util.Objects;
import java.util.Set;

/**
 * Who a request is: the project its key belongs to, what the key may do, and the key's id (null for
 * keys fixed at start-up), which rate limits and last-used times are kept by.
 */
public record Principal(String projectId, Set<Scope> scopes, String keyId) {
  public Principal {
    Objects.requireNonNull(projectId, "projectId");
    scopes = Set.copyOf(scopes);
  }

  public Principal(String projectId, Set<Scope> scopes) {
    this(projectId, scopes, null);
  }

  public boolean may(Scope scope) {
    return scopes.contains(scope) || scopes.contains(Scope.ADMIN);
  }
}
