package dev.boxscore.auth;

import java.util.Objects;
import java.util.Set;

/** Who a request is: the project its key belongs to and what the key may do. */
public record Principal(String projectId, Set<Scope> scopes) {
  public Principal {
    Objects.requireNonNull(projectId, "projectId");
    scopes = Set.copyOf(scopes);
  }

  public boolean may(Scope scope) {
    return scopes.contains(scope) || scopes.contains(Scope.ADMIN);
  }
}
