package dev.boxscore.query.rest;

import dev.boxscore.auth.ApiKeys;
import dev.boxscore.auth.Principal;
import dev.boxscore.auth.Scope;
import dev.boxscore.query.api.ErrorResponse;
import dev.boxscore.query.config.QueryConfig;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Every {@code /api/} request needs a key that may read ({@code /api/v1/admin} one that may
 * administer); the caller's project comes from the key.
 */
public class ApiKeyFilter {
  private final ApiKeys apiKeys;
  private final Caller caller;
  private final QueryConfig config;

  ApiKeyFilter(ApiKeys apiKeys, Caller caller, QueryConfig config) {
    this.apiKeys = apiKeys;
    this.caller = caller;
    this.config = config;
  }

  @ServerRequestFilter
  public Optional<Response> authenticate(ContainerRequestContext request) {
    if (!request.getUriInfo().getPath().startsWith("/api/")) {
      return Optional.empty();
    }
    if (!config.enabled()) {
      return Optional.of(
          error(
              Response.Status.NOT_FOUND,
              "not_found",
              "the query role is not enabled on this node"));
    }
    Optional<Principal> principal =
        ApiKeys.bearerToken(request.getHeaderString(HttpHeaders.AUTHORIZATION))
            .flatMap(apiKeys::authenticate);
    if (principal.isEmpty()) {
      return Optional.of(
          error(
              Response.Status.UNAUTHORIZED,
              "unauthorized",
              "missing or invalid API key: send the header 'Authorization: Bearer <key>'"));
    }
    boolean admin = request.getUriInfo().getPath().startsWith("/api/v1/admin");
    if (admin && !principal.get().may(Scope.ADMIN)) {
      return Optional.of(
          error(
              Response.Status.FORBIDDEN,
              "forbidden",
              "this API key may not administer the project"));
    }
    // Code that sends telemetry sends its evaluations too: an ingest key may store scores.
    boolean scoreWrite =
        request.getUriInfo().getPath().equals("/api/v1/scores")
            && "POST".equals(request.getMethod())
            && principal.get().may(Scope.INGEST);
    if (!scoreWrite && !principal.get().may(Scope.READ)) {
      return Optional.of(
          error(Response.Status.FORBIDDEN, "forbidden", "this API key may not read"));
    }
    apiKeys.used(principal.get());
    caller.set(principal.get());
    return Optional.empty();
  }

  static Response error(Response.Status status, String code, String message) {
    return Response.status(status)
        .type(MediaType.APPLICATION_JSON)
        .header(
            HttpHeaders.WWW_AUTHENTICATE, status == Response.Status.UNAUTHORIZED ? "Bearer" : null)
        .entity(new ErrorResponse(code, message))
        .build();
  }
}
