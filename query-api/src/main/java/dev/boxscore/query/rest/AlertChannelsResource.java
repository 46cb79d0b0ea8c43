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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
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
  private static final String CHANNEL_FIELDS =
      """
      "id":"chn_1a2b3c4d5e6f","name":"ops webhook","type":"webhook",
      "url":"https://hooks.example.com/alerts","hasSecret":true,"groupWait":"30s",
      "groupInterval":"5m","repeatInterval":"4h","status":"ok","consecutiveFailures":0,""";

  private static final String FORBIDDEN =
      "{\"error\":\"forbidden\",\"message\":\"changing alerting needs an admin API key\"}";
  private static final String NO_CHANNEL =
      "{\"error\":\"not_found\",\"message\":\"no channel chn_1a2b3c4d5e6f\"}";

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
  @APIResponse(
      responseCode = "200",
      description = "the channels, without their secrets",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "channels",
                      value =
                          "{\"channels\":[{"
                              + CHANNEL_FIELDS
                              + "\"lastError\":null,\"lastAttemptAt\":\"2026-12-07T14:00:31Z\"}]}")))
  public ObjectNode list() {
    return alerts.listChannels();
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Create a channel",
      description =
          "A webhook without a secret gets one (the HMAC key of its X-Boxscore-Signature-256"
              + " header), shown in this answer only. A PagerDuty channel needs its routing key as"
              + " `secret`; its `url` defaults to the Events API v2.")
  @RequestBody(
      content =
          @Content(
              mediaType = "application/json",
              examples = {
                @ExampleObject(
                    name = "webhook",
                    value =
                        """
                        {"name":"ops webhook","type":"webhook","url":"https://hooks.example.com/alerts",
                        "groupWait":"30s","groupInterval":"5m","repeatInterval":"4h"}"""),
                @ExampleObject(
                    name = "slack",
                    value =
                        """
                        {"name":"#payments-alerts","type":"slack",
                        "url":"https://hooks.slack.com/services/T0001/B0001/XXXXXXXXXXXXXXXXXXXXXXXX"}"""),
                @ExampleObject(
                    name = "pagerduty",
                    value =
                        """
                        {"name":"payments on-call","type":"pagerduty","secret":"R0UT1NGK3Y0F1HE5ERV1CE0000000000"}""")
              }))
  @APIResponse(
      responseCode = "201",
      description = "the channel; a webhook's secret in this answer only",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "webhook",
                      value =
                          "{"
                              + CHANNEL_FIELDS
                              + "\"lastError\":null,\"lastAttemptAt\":null,"
                              + "\"secret\":\"6f1d0c9e2b4a87f35e90d1c2b3a4f5e6d7c8b9a0f1e2d3c4\"}")))
  @APIResponse(
      responseCode = "400",
      description = "a field is invalid; the message names it",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "bad type",
                      value =
                          "{\"error\":\"bad_parameter\",\"message\":\"type: must be webhook, slack or pagerduty\"}")))
  @APIResponse(
      responseCode = "403",
      description = "the key may not read, or is not an admin key",
      content =
          @Content(
              mediaType = "application/json",
              examples = @ExampleObject(name = "not admin", value = FORBIDDEN)))
  public Response create(JsonNode body) {
    caller.requireAdmin("changing alerting");
    return Response.status(Response.Status.CREATED).entity(alerts.createChannel(body)).build();
  }

  @DELETE
  @Path("/{id}")
  @Operation(summary = "Delete a channel")
  @APIResponse(responseCode = "204", description = "deleted")
  @APIResponse(
      responseCode = "403",
      description = "the key may not read, or is not an admin key",
      content =
          @Content(
              mediaType = "application/json",
              examples = @ExampleObject(name = "not admin", value = FORBIDDEN)))
  @APIResponse(
      responseCode = "404",
      description = "no such channel in the caller's project",
      content =
          @Content(
              mediaType = "application/json",
              examples = @ExampleObject(name = "unknown", value = NO_CHANNEL)))
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
      description =
          "One attempt, answered with its outcome: `status` ok or failed, the receiver's"
              + " `httpStatus` (null when it could not be reached) and the `error`.")
  @APIResponse(
      responseCode = "200",
      description = "the attempt's outcome",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "delivered",
                      value = "{\"status\":\"ok\",\"httpStatus\":200,\"error\":null}")))
  @APIResponse(
      responseCode = "403",
      description = "the key may not read, or is not an admin key",
      content =
          @Content(
              mediaType = "application/json",
              examples = @ExampleObject(name = "not admin", value = FORBIDDEN)))
  @APIResponse(
      responseCode = "404",
      description = "no such channel in the caller's project",
      content =
          @Content(
              mediaType = "application/json",
              examples = @ExampleObject(name = "unknown", value = NO_CHANNEL)))
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
