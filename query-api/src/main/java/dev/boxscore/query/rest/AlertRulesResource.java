package dev.boxscore.query.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.boxscore.query.service.alerts.AlertService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Alerting rules of the caller's project: threshold, drift, swap and budget rules (see the README's
 * Alerts section for every field). Rules from the rules file are listed read-only.
 */
@Path("/api/v1/alerts/rules")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "alerts")
@SecurityRequirement(name = "apiKey")
public class AlertRulesResource {
  private final AlertService alerts;
  private final Caller caller;

  AlertRulesResource(AlertService alerts, Caller caller) {
    this.alerts = alerts;
    this.caller = caller;
  }

  @GET
  @Operation(summary = "Rules", description = "Every rule with the state of its alerts.")
  public ObjectNode list() {
    return alerts.listRules();
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Create a rule")
  public Response create(JsonNode body) {
    caller.requireAdmin("changing alerting");
    return Response.status(Response.Status.CREATED).entity(alerts.createRule(body)).build();
  }

  @GET
  @Path("/{id}")
  @Operation(summary = "One rule")
  public ObjectNode get(@PathParam("id") String id) {
    return alerts
        .rule(id)
        .orElseThrow(() -> new NotFoundException("no rule " + Parameters.abbreviate(id)));
  }

  @PUT
  @Path("/{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Replace a rule")
  public ObjectNode update(@PathParam("id") String id, JsonNode body) {
    caller.requireAdmin("changing alerting");
    return alerts
        .updateRule(id, body)
        .orElseThrow(() -> new NotFoundException("no rule " + Parameters.abbreviate(id)));
  }

  @DELETE
  @Path("/{id}")
  @Operation(summary = "Delete a rule", description = "Its alerts go with it.")
  public Response delete(@PathParam("id") String id) {
    caller.requireAdmin("changing alerting");
    if (!alerts.deleteRule(id)) {
      throw new NotFoundException("no rule " + Parameters.abbreviate(id));
    }
    return Response.noContent().build();
  }

  @POST
  @Path("/{id}/backtest")
  @Operation(
      summary = "Backtest a rule",
      description =
          "When the rule would have fired and resolved over stored traffic in [from, to).")
  public ObjectNode backtest(
      @PathParam("id") String id,
      @Parameter(description = "ISO-8601 instant; default `to` minus 24 h") @QueryParam("from")
          String from,
      @Parameter(description = "ISO-8601 instant, exclusive; default now") @QueryParam("to")
          String to) {
    Instant[] range =
        AlertParameters.range(from, to, Duration.ofDays(1), AlertParameters.MAX_BACKTEST);
    ObjectNode out = alerts.backtest(id, range[0], range[1]);
    if (out == null) {
      throw new NotFoundException("no rule " + Parameters.abbreviate(id));
    }
    return out;
  }

  @POST
  @Path("/backtest")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Backtest an unsaved rule",
      description =
          "The form's preview: the metric against the threshold and the firings, before saving.")
  public ObjectNode preview(
      JsonNode body,
      @Parameter(description = "ISO-8601 instant; default `to` minus 24 h") @QueryParam("from")
          String from,
      @Parameter(description = "ISO-8601 instant, exclusive; default now") @QueryParam("to")
          String to) {
    Instant[] range =
        AlertParameters.range(from, to, Duration.ofDays(1), AlertParameters.MAX_BACKTEST);
    return alerts.backtest(body, range[0], range[1]);
  }
}
