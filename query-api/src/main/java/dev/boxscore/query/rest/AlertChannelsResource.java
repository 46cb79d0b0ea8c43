package dev.boxscore.query.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.boxscore.alerting.notify.DeliveryResult;
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
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Where the caller's project's alerts are sent: webhooks (Alertmanager's format, signed), Slack and
 * PagerDuty. Secrets are never shown again after creation.
 */
@Path("/api/v1/alerts/channels")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "alerts")
@SecurityRequirement(name = "apiKey")
public class AlertChannelsResource {
  private final AlertService alerts;
  private final Caller caller;

  AlertChannelsResource(AlertService alerts, Caller caller) {
    this.alerts = alerts;
    this.caller = caller;
  }

  @GET
  @Operation(
      summary = "Channels",
      description = "With their delivery status (failing after 3 failed notifications in a row).")
  public ObjectNode list() {
    return alerts.listChannels();
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Create a channel",
      description = "A webhook without a secret gets one, shown in this answer only.")
  public Response create(JsonNode body) {
    caller.requireAdmin("changing alerting");
    return Response.status(Response.Status.CREATED).entity(alerts.createChannel(body)).build();
  }

  @DELETE
  @Path("/{id}")
  @Operation(summary = "Delete a channel")
  public Response delete(@PathParam("id") String id) {
    caller.requireAdmin("changing alerting");
    if (!alerts.deleteChannel(id)) {
      throw new NotFoundException("no channel " + Parameters.abbreviate(id));
    }
    return Response.noContent().build();
  }

  @POST
  @Path("/{id}/test")
  @Operation(
      summary = "Send a test notification",
      description = "One attempt, answered with its outcome.")
  public Map<String, Object> test(@PathParam("id") String id) {
    caller.requireAdmin("changing alerting");
    DeliveryResult r =
        alerts
            .testChannel(id)
            .orElseThrow(() -> new NotFoundException("no channel " + Parameters.abbreviate(id)));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("status", r.status().apiName());
    out.put("httpStatus", r.httpStatus());
    out.put("error", r.error());
    return out;
  }
}
