package dev.boxscore.query.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.boxscore.query.api.ViewListResponse;
import dev.boxscore.query.service.ViewService;
import dev.boxscore.query.service.search.InvalidSearchException;
import dev.boxscore.query.service.search.SearchQueryParser;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Iterator;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Saved views of the trace explorer: read with a read key, changed with an admin key. */
@Path("/api/v1/views")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "traces")
@SecurityRequirement(name = "apiKey")
public class ViewsResource {
  private static final String VIEW_EXAMPLE =
      "{\"id\":\"view_3f9a1c0d5e7b2a64\",\"name\":\"slow gpt-4o\",\"q\":\"model:gpt-4o latency:>2s\","
          + "\"createdAt\":\"2026-11-28T09:05:00Z\"}";

  private final ViewService views;
  private final Caller caller;

  ViewsResource(ViewService views, Caller caller) {
    this.views = views;
    this.caller = caller;
  }

  @GET
  @Operation(summary = "The project's saved views, by name")
  @APIResponse(
      responseCode = "200",
      description = "the views",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(name = "views", value = "{\"views\":[" + VIEW_EXAMPLE + "]}")))
  public ViewListResponse list() {
    return views.list();
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Save a view",
      description = "A view with the same name is replaced (200); a new one is created (201).")
  @RequestBody(
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "slow gpt-4o",
                      value = "{\"name\":\"slow gpt-4o\",\"q\":\"model:gpt-4o latency:>2s\"}")))
  @APIResponse(
      responseCode = "201",
      description = "the view as stored",
      content =
          @Content(
              mediaType = "application/json",
              examples = @ExampleObject(name = "created", value = VIEW_EXAMPLE)))
  @APIResponse(responseCode = "403", description = "the key is not an admin key")
  @APIResponse(
      responseCode = "400",
      description = "a field is invalid; the message names it",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "bad query",
                      value =
                          "{\"error\":\"bad_parameter\",\"message\":\"q: position 7: expected a value after 'model:'\"}")))
  public Response save(JsonNode body) {
    caller.requireAdmin("saving a view");
    if (body == null || !body.isObject()) {
      throw new BadParameterException("body", "a JSON object with name and q is required");
    }
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      String field = names.next();
      if (!field.equals("name") && !field.equals("q")) {
        throw new BadParameterException(field, "is not a field of a view (name, q)");
      }
    }
    JsonNode name = body.get("name");
    if (name == null
        || !name.isTextual()
        || name.asText().isBlank()
        || name.asText().length() > 100) {
      throw new BadParameterException("name", "must be a text of 1 to 100 characters");
    }
    JsonNode q = body.get("q");
    if (q == null || !q.isTextual()) {
      throw new BadParameterException("q", "must be a search query text");
    }
    try {
      SearchQueryParser.parse(q.asText());
    } catch (InvalidSearchException e) {
      throw new BadParameterException("q", e.getMessage());
    }
    ViewService.Saved saved = views.save(name.asText().strip(), q.asText());
    return Response.status(saved.replaced() ? Response.Status.OK : Response.Status.CREATED)
        .entity(saved.view())
        .build();
  }

  @DELETE
  @Path("/{viewId}")
  @Operation(summary = "Delete a saved view")
  @APIResponse(responseCode = "204", description = "deleted")
  @APIResponse(responseCode = "403", description = "the key is not an admin key")
  @APIResponse(
      responseCode = "404",
      description = "the project has no such view",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "unknown",
                      value =
                          "{\"error\":\"not_found\",\"message\":\"no view view_0000000000000000\"}")))
  public Response delete(@PathParam("viewId") String viewId) {
    caller.requireAdmin("deleting a view");
    if (viewId.length() > 64 || !views.delete(viewId)) {
      throw new NotFoundException("no view " + viewId);
    }
    return Response.noContent().build();
  }
}
