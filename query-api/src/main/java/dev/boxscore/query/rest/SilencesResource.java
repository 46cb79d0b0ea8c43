package dev.boxscore.query.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.boxscore.query.service.alerts.AlertService;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Silences (Alertmanager's): matchers on an alert's labels and a time span. A silenced alert is not
 * notified; its state and history are kept as ever.
 */
@Path("/api/v1/alerts/silences")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "alerts")
@SecurityRequirement(name = "apiKey")
public class SilencesResource {
  private static final String SILENCE =
      """
      {"id":"sil_4c8e1a7b2d90","matchers":[{"name":"alertname","value":"checkout p95 latency",
      "isRegex":false,"isEqual":true}],"startsAt":"2026-12-07T14:05:00Z",
      "endsAt":"2026-12-07T16:00:00Z","comment":"deploying checkout 2.14","createdBy":"alice",
      "state":"active"}""";

  private static final String FORBIDDEN =
      "{\"error\":\"forbidden\",\"message\":\"changing alerting needs an admin API key\"}";

  private final AlertService alerts;
  private final Caller caller;

  SilencesResource(AlertService alerts, Caller caller) {
    this.alerts = alerts;
    this.caller = caller;
  }

  @GET
  @Operation(summary = "Silences", description = "Pending, active and expired.")
  @APIResponse(
      responseCode = "200",
      description = "the silences with their state: pending, active or expired",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(name = "silences", value = "{\"silences\":[" + SILENCE + "]}")))
  public ObjectNode list() {
    return alerts.listSilences();
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Create a silence",
      description =
          "Alertmanager's matchers on an alert's labels (alertname, rule_id, severity, the rule's"
              + " labels and group); `startsAt` defaults to now, `endsAt` must be later and in the"
              + " future, `createdBy` to the key's id.")
  @RequestBody(
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "planned maintenance",
                      value =
                          """
                          {"matchers":[{"name":"team","value":"payments","isRegex":false,"isEqual":true},
                          {"name":"severity","value":"warning|info","isRegex":true}],
                          "startsAt":"2035-03-01T22:00:00Z","endsAt":"2035-03-02T02:00:00Z",
                          "comment":"planned database maintenance","createdBy":"alice"}""")))
  @APIResponse(
      responseCode = "201",
      description = "the silence",
      content =
          @Content(
              mediaType = "application/json",
              examples = @ExampleObject(name = "created", value = SILENCE)))
  @APIResponse(
      responseCode = "400",
      description = "a field is invalid; the message names it",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "no matchers",
                      value =
                          "{\"error\":\"bad_parameter\",\"message\":\"matchers: at least one matcher required\"}")))
  @APIResponse(
      responseCode = "403",
      description = "the key may not read, or is not an admin key",
      content =
          @Content(
              mediaType = "application/json",
              examples = @ExampleObject(name = "not admin", value = FORBIDDEN)))
  public Response create(JsonNode body) {
    caller.requireAdmin("changing alerting");
    String by = caller.principal().keyId() == null ? "bootstrap key" : caller.principal().keyId();
    return Response.status(Response.Status.CREATED).entity(alerts.createSilence(body, by)).build();
  }

  @DELETE
  @Path("/{id}")
  @Operation(summary = "Expire a silence", description = "It ends now and stays listed as expired.")
  @APIResponse(responseCode = "204", description = "expired")
  @APIResponse(
      responseCode = "403",
      description = "the key may not read, or is not an admin key",
      content =
          @Content(
              mediaType = "application/json",
              examples = @ExampleObject(name = "not admin", value = FORBIDDEN)))
  @APIResponse(
      responseCode = "404",
      description = "no such silence in the caller's project",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "unknown",
                      value =
                          "{\"error\":\"not_found\",\"message\":\"no silence sil_4c8e1a7b2d90\"}")))
  public Response expire(@PathParam("id") String id) {
    caller.requireAdmin("changing alerting");
    if (!alerts.expireSilence(id)) {
      throw new NotFoundException("no silence " + Parameters.abbreviate(id));
    }
    return Response.noContent().build();
  }
}
