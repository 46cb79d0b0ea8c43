package dev.boxscore.query.rest;

import dev.boxscore.query.api.SessionListResponse;
import dev.boxscore.query.api.SessionResponse;
import dev.boxscore.query.api.UserListResponse;
import dev.boxscore.query.api.UserResponse;
import dev.boxscore.query.config.QueryConfig;
import dev.boxscore.query.service.UserService;
import dev.boxscore.storage.users.UserOrder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * End users and conversations (sessions), from the LLM calls that name them (any dialect's user and
 * session attributes). Ranges are taken at hour precision.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "users")
@SecurityRequirement(name = "apiKey")
public class UsersResource {
  private static final int MAX_ID = 256;

  private final UserService users;
  private final QueryConfig config;

  UsersResource(UserService users, QueryConfig config) {
    this.users = users;
    this.config = config;
  }

  @GET
  @Path("/users")
  @Operation(summary = "End users with their calls, cost, tokens and errors in [from, to)")
  @APIResponse(
      responseCode = "200",
      description = "the users, sorted as asked",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "users",
                      value =
                          """
          {"users":[{"userId":"4711","calls":12,"traces":5,"sessions":2,"inputTokens":5210,"outputTokens":980,
          "costUsd":0.02283,"unpricedCalls":0,"errors":0,"firstSeen":"2026-11-02T08:12:00Z",
          "lastSeen":"2026-11-28T09:41:13.250Z"}]}""")))
  @APIResponse(
      responseCode = "400",
      description = "a parameter is invalid; the message names it",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "bad sort",
                      value =
                          "{\"error\":\"bad_parameter\",\"message\":\"sort: must be cost, calls or lastSeen\"}")))
  public UserListResponse list(
      @Parameter(description = "ISO-8601 instant; default: `to` minus 30 days") @QueryParam("from")
          String from,
      @Parameter(description = "ISO-8601 instant, exclusive; default: now") @QueryParam("to")
          String to,
      @Parameter(description = "only users whose id starts with this (case-insensitive)")
          @QueryParam("prefix")
          String prefix,
      @Parameter(description = "cost (default), calls or lastSeen; each descending")
          @QueryParam("sort")
          String sort,
      @Parameter(description = "1 to 1000; default 50") @QueryParam("limit") String limit) {
    Instant end = Parameters.instant("to", to, Instant.now());
    Instant start = Parameters.instant("from", from, end.minus(Duration.ofDays(30)));
    requireOrder(start, end);
    if (prefix != null && prefix.length() > MAX_ID) {
      throw new BadParameterException("prefix", "must be at most " + MAX_ID + " characters");
    }
    return users.users(
        start, end, prefix, order(sort), Parameters.limit("limit", limit, 50, config.maxLimit()));
  }

  @GET
  @Path("/users/{userId}")
  @Operation(summary = "One end user's totals and calls, cost and errors per bucket")
  @APIResponse(
      responseCode = "200",
      description = "the user",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "user",
                      value =
                          """
          {"userId":"4711","calls":12,"traces":5,"sessions":2,"inputTokens":5210,"outputTokens":980,
          "costUsd":0.02283,"unpricedCalls":0,"errors":0,"firstSeen":"2026-11-27T08:12:00Z",
          "lastSeen":"2026-11-28T09:41:13.250Z","series":[{"time":"2026-11-27T00:00:00Z","calls":7,
          "costUsd":0.0133,"errors":0},{"time":"2026-11-28T00:00:00Z","calls":5,"costUsd":0.00953,"errors":0}]}""")))
  @APIResponse(
      responseCode = "404",
      description = "the user has no calls in the range",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "unknown",
                      value =
                          "{\"error\":\"not_found\",\"message\":\"no calls of user 4711 in the range\"}")))
  public UserResponse user(
      @PathParam("userId") String userId,
      @Parameter(description = "ISO-8601 instant; default: `to` minus 30 days") @QueryParam("from")
          String from,
      @Parameter(description = "ISO-8601 instant, exclusive; default: now") @QueryParam("to")
          String to,
      @Parameter(description = "hour or day (default)") @QueryParam("bucket") String bucket) {
    Instant end = Parameters.instant("to", to, Instant.now());
    Instant start = Parameters.instant("from", from, end.minus(Duration.ofDays(30)));
    requireOrder(start, end);
    Duration step =
        switch (bucket == null ? (bucket = "day") : bucket) {
          case "day" -> Duration.ofDays(1);
          case "hour" -> Duration.ofHours(1);
          default -> throw new BadParameterException("bucket", "must be hour or day");
        };
    if (Duration.between(start, end).dividedBy(step) > 2000) {
      throw new BadParameterException(
          "from", "the range holds more than 2000 buckets of a " + bucket + "; narrow it");
    }
    return users
        .user(id("userId", userId), start, end, step)
        .orElseThrow(() -> new NotFoundException("no calls of user " + userId + " in the range"));
  }

  @GET
  @Path("/sessions")
  @Operation(summary = "Conversations in [from, to), the latest first")
  @APIResponse(
      responseCode = "200",
      description = "the sessions",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "sessions",
                      value =
                          """
          {"sessions":[{"sessionId":"chat-81","userId":"4711","traces":3,"calls":7,"costUsd":0.0311,
          "start":"2026-11-28T09:30:02Z","end":"2026-11-28T09:41:14.100Z","durationMs":672100.0,"hasError":false}]}""")))
  public SessionListResponse sessions(
      @Parameter(description = "ISO-8601 instant; default: `to` minus 7 days") @QueryParam("from")
          String from,
      @Parameter(description = "ISO-8601 instant, exclusive; default: now") @QueryParam("to")
          String to,
      @Parameter(description = "only this user's") @QueryParam("user") String user,
      @Parameter(description = "1 to 1000; default 50") @QueryParam("limit") String limit) {
    Instant end = Parameters.instant("to", to, Instant.now());
    Instant start = Parameters.instant("from", from, end.minus(Duration.ofDays(7)));
    requireOrder(start, end);
    return users.sessions(
        start,
        end,
        user == null || user.isEmpty() ? null : id("user", user),
        Parameters.limit("limit", limit, 50, config.maxLimit()));
  }

  @GET
  @Path("/sessions/{sessionId}")
  @Operation(summary = "One conversation: its totals and its traces, oldest first")
  @APIResponse(
      responseCode = "200",
      description = "the session",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "session",
                      value =
                          """
          {"sessionId":"chat-81","userId":"4711","traces":1,"calls":1,"costUsd":0.0031,
          "start":"2026-11-28T09:30:02Z","end":"2026-11-28T09:30:03.840Z","durationMs":1840.0,"hasError":false,
          "traceList":[{"traceId":"4bf92f3577b34da6a3ce929d0e0e4736","service":"checkout","rootName":"POST /support",
          "startTime":"2026-11-28T09:30:02Z","durationMs":1840.0,"spanCount":3,"llmCalls":1,"inputTokens":830,
          "outputTokens":112,"costUsd":0.0031,"unpricedCalls":0,"estimatedCalls":0,"models":["gpt-4o-2024-08-06"],
          "hasError":false,"userId":"4711","sessionId":"chat-81","match":null}]}""")))
  @APIResponse(
      responseCode = "404",
      description = "no calls of the session in the range",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "unknown",
                      value =
                          "{\"error\":\"not_found\",\"message\":\"no calls of session chat-81 in the range\"}")))
  public SessionResponse session(
      @PathParam("sessionId") String sessionId,
      @Parameter(description = "ISO-8601 instant; default: `to` minus 30 days") @QueryParam("from")
          String from,
      @Parameter(description = "ISO-8601 instant, exclusive; default: now") @QueryParam("to")
          String to) {
    Instant end = Parameters.instant("to", to, Instant.now());
    Instant start = Parameters.instant("from", from, end.minus(Duration.ofDays(30)));
    requireOrder(start, end);
    return users
        .session(id("sessionId", sessionId), start, end)
        .orElseThrow(
            () -> new NotFoundException("no calls of session " + sessionId + " in the range"));
  }

  private static UserOrder order(String sort) {
    if (sort == null || sort.isEmpty()) {
      return UserOrder.COST;
    }
    return switch (sort.toLowerCase(Locale.ROOT)) {
      case "cost" -> UserOrder.COST;
      case "calls" -> UserOrder.CALLS;
      case "lastseen" -> UserOrder.LAST_SEEN;
      default -> throw new BadParameterException("sort", "must be cost, calls or lastSeen");
    };
  }

  private static String id(String name, String value) {
    if (value == null || value.isEmpty() || value.length() > MAX_ID) {
      throw new BadParameterException(name, "must be 1 to " + MAX_ID + " characters");
    }
    return value;
  }

  private static void requireOrder(Instant start, Instant end) {
    if (!start.isBefore(end)) {
      throw new BadParameterException("from", "must be before to");
    }
  }
}
