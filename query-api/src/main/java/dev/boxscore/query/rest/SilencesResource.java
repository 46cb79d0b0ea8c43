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
  private final AlertService alerts;
  private final Caller caller;

  SilencesResource(AlertService alerts, Caller caller) {
    this.alerts = alerts;
    this.caller = caller;
  }

  @GET
  @Operation(summary = "Silences", description = "Pending, active and expired.")
  public ObjectNode list() {
    return alerts.listSilences();
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Create a silence")
  public Response create(JsonNode body) {
    caller.requireAdmin("changing alerting");
    String by = caller.principal().keyId() == null ? "bootstrap key" : caller.principal().keyId();
    return Response.status(Response.Status.CREATED).entity(alerts.createSilence(body, by)).build();
  }

  @DELETE
  @Path("/{id}")
  @Operation(summary = "Expire a silence", description = "It ends now and stays listed as expired.")
  public Response expire(@PathParam("id") String id) {
    caller.requireAdmin("changing alerting");
    if (!alerts.expireSilence(id)) {
      throw new NotFoundException("no silence " + Parameters.abbreviate(id));
    }
    return Response.noContent().build();
  }
}
