package dev.boxscore.query.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.boxscore.auth.Project;
import dev.boxscore.auth.Scope;
import dev.boxscore.query.api.CreatedKeyResponse;
import dev.boxscore.query.api.CreatedProjectResponse;
import dev.boxscore.query.api.KeyListResponse;
import dev.boxscore.query.api.KeyResponse;
import dev.boxscore.query.api.ProjectResponse;
import dev.boxscore.query.service.AdminService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Managing the caller's project and its API keys (admin scope; see {@link ApiKeyFilter}). */
@Path("/api/v1/admin")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "admin")
@SecurityRequirement(name = "apiKey")
public class AdminResource {
  private static final Pattern KEY_ID = Pattern.compile("key_[0-9a-f]{16}");

  private final AdminService admin;
  private final Caller caller;

  AdminResource(AdminService admin, Caller caller) {
    this.admin = admin;
    this.caller = caller;
  }

  @GET
  @Path("/project")
  @Operation(summary = "The caller's project")
  @APIResponse(
      responseCode = "200",
      description = "the project",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "project",
                      value =
                          """
          {"id":"default","name":"Default project","retentionDays":30,"createdAt":"2026-11-28T09:00:00Z"}""")))
  public ProjectResponse project() {
    return admin.project();
  }

  @PUT
  @Path("/project")
  @Operation(
      summary =
          "Rename the project or change its retention (applies to spans ingested from now on)")
  @APIResponse(
      responseCode = "200",
      description = "the project as changed",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "retention 90 days",
                      value =
                          """
          {"id":"default","name":"Default project","retentionDays":90,"createdAt":"2026-11-28T09:00:00Z"}""")))
  @APIResponse(
      responseCode = "400",
      description = "a parameter is invalid; the message names it",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "bad retention",
                      value =
                          "{\"error\":\"bad_parameter\",\"message\":\"retentionDays: must be a whole number from 1 to 3650\"}")))
  public ProjectResponse updateProject(JsonNode body) {
    JsonNode b = object(body);
    return admin.updateProject(optionalName(b), optionalRetention(b));
  }

  @GET
  @Path("/keys")
  @Operation(summary = "The project's API keys with their last-used times")
  @APIResponse(
      responseCode = "200",
      description = "every key of the project, revoked ones with revokedAt",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "keys",
                      value =
                          """
          {"keys":[{"keyId":"key_3f9a1c0d5e7b2a64","name":"checkout ingest","prefix":"bx_3f9a1c0d","scopes":["ingest"],
          "requestsPerSecond":200,"createdAt":"2026-11-28T09:05:00Z","revokedAt":null,"lastUsedAt":"2026-11-28T10:41:12Z"}]}""")))
  public KeyListResponse keys() {
    return admin.keys();
  }

  @POST
  @Path("/keys")
  @Operation(summary = "Create an API key; the answer shows the key once")
  @APIResponse(
      responseCode = "201",
      description = "the key (shown only in this answer) and its record",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "ingest key",
                      value =
                          """
          {"key":"bx_3f9a1c0dVt0yJ8pQ2mX4wL6rN1sT3uZ5yA7bC9dE0fG","info":{"keyId":"key_3f9a1c0d5e7b2a64","name":"checkout ingest",
          "prefix":"bx_3f9a1c0d","scopes":["ingest"],"requestsPerSecond":200,"createdAt":"2026-11-28T09:05:00Z",
          "revokedAt":null,"lastUsedAt":null}}""")))
  @APIResponse(
      responseCode = "400",
      description = "a parameter is invalid; the message names it",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "bad scope",
                      value =
                          "{\"error\":\"bad_parameter\",\"message\":\"scopes: must contain only \\\"ingest\\\", \\\"read\\\", \\\"admin\\\"\"}")))
  public Response createKey(JsonNode body) {
    JsonNode b = object(body);
    String name = optionalName(b);
    CreatedKeyResponse created =
        admin.createKey(
            name == null ? "key" : name,
            scopes(b.get("scopes")),
            requestsPerSecond(b.get("requestsPerSecond")));
    return Response.status(Response.Status.CREATED).entity(created).build();
  }

  @DELETE
  @Path("/keys/{keyId}")
  @Operation(summary = "Revoke an API key of the project")
  @APIResponse(
      responseCode = "200",
      description = "the key's record, now with revokedAt",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "revoked",
                      value =
                          """
          {"keyId":"key_3f9a1c0d5e7b2a64","name":"checkout ingest","prefix":"bx_3f9a1c0d","scopes":["ingest"],
          "requestsPerSecond":200,"createdAt":"2026-11-28T09:05:00Z","revokedAt":"2026-11-28T11:00:00Z","lastUsedAt":"2026-11-28T10:41:12Z"}""")))
  @APIResponse(
      responseCode = "400",
      description = "a parameter is invalid; the message names it",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "bad id",
                      value =
                          "{\"error\":\"bad_parameter\",\"message\":\"keyId: must be a key id such as key_0123456789abcdef\"}")))
  @APIResponse(
      responseCode = "404",
      description = "no such key in the caller's project",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "unknown",
                      value =
                          "{\"error\":\"not_found\",\"message\":\"no key key_3f9a1c0d5e7b2a64 in this project\"}")))
  public KeyResponse revokeKey(@PathParam("keyId") String keyId) {
    if (keyId == null || !KEY_ID.matcher(keyId).matches()) {
      throw new BadParameterException("keyId", "must be a key id such as key_0123456789abcdef");
    }
    return admin
        .revokeKey(keyId)
        .orElseThrow(() -> new NotFoundException("no key " + keyId + " in this project"));
  }

  @POST
  @Path("/projects")
  @Operation(
      summary =
          "Create a project and its first admin key (the instance operator's bootstrap key only)")
  @APIResponse(
      responseCode = "201",
      description = "the project and its first admin key (shown only in this answer)",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "new project",
                      value =
                          """
          {"project":{"id":"prj_5d1e8a0c3b7f9e24","name":"Search team","retentionDays":30,"createdAt":"2026-11-28T09:00:00Z"},
          "adminKey":{"key":"bx_8c2b0e4fHk2mP4rT6vX8zB0dF2hJ4lN6pR8tV0xZ2bD","info":{"keyId":"key_8c2b0e4f6a1d3c57","name":"admin","prefix":"bx_8c2b0e4f",
          "scopes":["admin"],"requestsPerSecond":null,"createdAt":"2026-11-28T09:00:00Z",
          "revokedAt":null,"lastUsedAt":null}}}""")))
  @APIResponse(
      responseCode = "400",
      description = "a parameter is invalid; the message names it",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "no name",
                      value = "{\"error\":\"bad_parameter\",\"message\":\"name: is required\"}")))
  public Response createProject(JsonNode body) {
    if (caller.principal().keyId() != null) {
      throw new ForbiddenException("only the instance's bootstrap key may create projects");
    }
    JsonNode b = object(body);
    String name = optionalName(b);
    if (name == null) {
      throw new BadParameterException("name", "is required");
    }
    Integer retention = optionalRetention(b);
    CreatedProjectResponse created =
        admin.createProject(name, retention == null ? Project.DEFAULT_RETENTION_DAYS : retention);
    return Response.status(Response.Status.CREATED).entity(created).build();
  }

  private static JsonNode object(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw new BadParameterException("body", "must be a JSON object");
    }
    return body;
  }

  private static String optionalName(JsonNode b) {
    JsonNode n = b.get("name");
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isTextual() || n.asText().isBlank() || n.asText().length() > 200) {
      throw new BadParameterException(
          "name", "must be a non-blank string of at most 200 characters");
    }
    return n.asText();
  }

  private static Integer optionalRetention(JsonNode b) {
    JsonNode n = b.get("retentionDays");
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.canConvertToInt()
        || !n.isIntegralNumber()
        || n.asInt() < 1
        || n.asInt() > Project.MAX_RETENTION_DAYS) {
      throw new BadParameterException(
          "retentionDays", "must be a whole number from 1 to " + Project.MAX_RETENTION_DAYS);
    }
    return n.asInt();
  }

  private static Integer requestsPerSecond(JsonNode n) {
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isIntegralNumber() || !n.canConvertToInt() || n.asInt() < 1 || n.asInt() > 1_000_000) {
      throw new BadParameterException(
          "requestsPerSecond", "must be a whole number from 1 to 1000000");
    }
    return n.asInt();
  }

  private static Set<Scope> scopes(JsonNode n) {
    if (n == null || !n.isArray() || n.isEmpty()) {
      throw new BadParameterException(
          "scopes", "must be a non-empty array of \"ingest\", \"read\", \"admin\"");
    }
    Set<Scope> scopes = EnumSet.noneOf(Scope.class);
    for (JsonNode s : n) {
      try {
        scopes.add(Scope.valueOf(s.asText("").toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new BadParameterException(
            "scopes", "must contain only \"ingest\", \"read\", \"admin\"");
      }
    }
    return scopes;
  }
}
