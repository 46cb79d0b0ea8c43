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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
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
  /** A threshold rule as sent: every field but name, kind and its kind's required ones optional. */
  static final String RULE_REQUEST =
      """
      {"name":"checkout p95 latency","kind":"threshold","enabled":true,"filter":{"service":"checkout"},
      "groupBy":["model"],"metric":"latency_p95_ms","window":"10m","op":">","threshold":2000,
      "warnThreshold":1500,"minCalls":20,"for":"10m","keepFiringFor":"0s","interval":"1m",
      "severity":"critical","labels":{"team":"payments"},
      "annotations":{"summary":"Checkout is slow","runbook_url":"https://wiki.example.com/runbooks/checkout-latency"}}""";

  /** A drift rule on a score: the prompt changed and the answers got worse. */
  static final String SCORE_RULE_REQUEST =
      """
      {"name":"support helpfulness dropped","kind":"drift","filter":{"service":"support"},
      "metric":"score_avg","score":"helpfulness","op":"<","window":"1h","baselineDays":7,
      "minChange":0.05}""";

  private static final String RULE_FIELDS =
      """
      "name":"checkout p95 latency","kind":"threshold","enabled":true,
      "filter":{"service":"checkout","model":null,"provider":null,"promptVersion":null},
      "groupBy":["model"],"metric":"latency_p95_ms","window":"10m","op":">","threshold":2000,
      "warnThreshold":1500,"minCalls":20,"for":"10m","keepFiringFor":"0s","interval":"1m",
      "severity":"critical","labels":{"team":"payments"},
      "annotations":{"runbook_url":"https://wiki.example.com/runbooks/checkout-latency","summary":"Checkout is slow"},
      "channels":["chn_1a2b3c4d5e6f"],"source":"api","readOnly":false,""";

  /** The rule as answered, with the state of its alerts. */
  static final String RULE =
      "{\"id\":\"rul_7f3a9c2e4b1d\","
          + RULE_FIELDS
          + """
          "version":3,"state":"firing","firing":1,"pending":0,
          "lastEvaluatedAt":"2026-12-07T14:00:00Z","lastError":null}""";

  private static final String CREATED_RULE =
      "{\"id\":\"rul_7f3a9c2e4b1d\","
          + RULE_FIELDS
          + """
          "version":1,"state":"inactive","firing":0,"pending":0,
          "lastEvaluatedAt":null,"lastError":null}""";

  /** An unsaved rule for the form's preview. */
  private static final String PREVIEW_REQUEST =
      """
      {"name":"checkout p95 latency","kind":"threshold","filter":{"service":"checkout"},
      "groupBy":["model"],"metric":"latency_p95_ms","window":"10m","op":">","threshold":2000,
      "for":"10m"}""";

  /**
   * Four windows of that rule: above the threshold in the second and third, so pending when the
   * second ends, firing 10 minutes later and resolved when the fourth is below again.
   */
  private static final String BACKTEST =
      """
      {"from":"2026-12-07T14:00:00Z","to":"2026-12-07T14:40:00Z","step":"10m","threshold":2000.0,
      "warnThreshold":null,"op":">",
      "series":[{"group":{"model":"gpt-4o"},"points":[
      {"at":"2026-12-07T14:00:00Z","value":1830.2,"calls":52},
      {"at":"2026-12-07T14:10:00Z","value":2410.0,"calls":57},
      {"at":"2026-12-07T14:20:00Z","value":2285.7,"calls":49},
      {"at":"2026-12-07T14:30:00Z","value":1420.3,"calls":55}]}],
      "firings":[{"group":{"model":"gpt-4o"},"firedAt":"2026-12-07T14:30:00Z",
      "resolvedAt":"2026-12-07T14:40:00Z","peak":2285.7}],
      "fired":1}""";

  private static final String FORBIDDEN =
      "{\"error\":\"forbidden\",\"message\":\"changing alerting needs an admin API key\"}";
  private static final String NO_RULE =
      "{\"error\":\"not_found\",\"message\":\"no rule rul_7f3a9c2e4b1d\"}";
  private static final String FROM_THE_FILE =
      "the rule comes from the rules file (source file, readOnly true): change it there";

  private final AlertService alerts;
  private final Caller caller;

  AlertRulesResource(AlertService alerts, Caller caller) {
    this.alerts = alerts;
    this.caller = caller;
  }

  @GET
  @Operation(summary = "Rules", description = "Every rule with the state of its alerts.")
  @APIResponse(
      responseCode = "200",
      description =
          "the rules, those of the rules file first; `state` is the worst of the rule's alerts"
              + " (firing, pending, no_data, error, inactive)",
      content =
          @Content(
              mediaType = "application/json",
              examples = @ExampleObject(name = "rules", value = "{\"rules\":[" + RULE + "]}")))
  public ObjectNode list() {
    return alerts.listRules();
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Create a rule",
      description =
          "A threshold, drift, swap or budget rule; unset fields take the defaults of its kind"
              + " (see the README's Alerts section). Threshold and drift rules can watch a score:"
              + " metric score_avg with score naming it (a drift rule with op < watches a fall).")
  @RequestBody(
      content =
          @Content(
              mediaType = "application/json",
              examples = {
                @ExampleObject(name = "checkout p95 latency", value = RULE_REQUEST),
                @ExampleObject(name = "a score that dropped", value = SCORE_RULE_REQUEST)
              }))
  @APIResponse(
      responseCode = "201",
      description = "the rule as stored, with its id",
      content =
          @Content(
              mediaType = "application/json",
              examples = @ExampleObject(name = "created", value = CREATED_RULE)))
  @APIResponse(
      responseCode = "400",
      description = "a field is invalid; the message names it",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "no threshold",
                      value =
                          "{\"error\":\"bad_parameter\",\"message\":\"threshold: required for threshold rules\"}")))
  @APIResponse(
      responseCode = "403",
      description = "the key may not read, or is not an admin key",
      content =
          @Content(
              mediaType = "application/json",
              examples = @ExampleObject(name = "not admin", value = FORBIDDEN)))
  public Response create(JsonNode body) {
    caller.requireAdmin("changing alerting");
    return Response.status(Response.Status.CREATED).entity(alerts.createRule(body)).build();
  }

  @GET
  @Path("/{id}")
  @Operation(summary = "One rule")
  @APIResponse(
      responseCode = "200",
      description = "the rule with the state of its alerts",
      content =
          @Content(
              mediaType = "application/json",
              examples = @ExampleObject(name = "rule", value = RULE)))
  @APIResponse(
      responseCode = "404",
      description = "no such rule in the caller's project",
      content =
          @Content(
              mediaType = "application/json",
              examples = @ExampleObject(name = "unknown", value = NO_RULE)))
  public ObjectNode get(@PathParam("id") String id) {
    return alerts
        .rule(id)
        .orElseThrow(() -> new NotFoundException("no rule " + Parameters.abbreviate(id)));
  }

  @PUT
  @Path("/{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Replace a rule",
      description = "Every field as on creation; a rule just fetched may be sent back changed.")
  @RequestBody(
      content =
          @Content(
              mediaType = "application/json",
              examples = @ExampleObject(name = "checkout p95 latency", value = RULE_REQUEST)))
  @APIResponse(
      responseCode = "200",
      description = "the rule as stored, its version one higher",
      content =
          @Content(
              mediaType = "application/json",
              examples = @ExampleObject(name = "replaced", value = RULE)))
  @APIResponse(
      responseCode = "400",
      description = "a field is invalid; the message names it",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "bad op",
                      value =
                          "{\"error\":\"bad_parameter\",\"message\":\"op: must be one of >, >=, <, <=, got \\\"=\\\"\"}")))
  @APIResponse(
      responseCode = "403",
      description = "the key may not read, or is not an admin key",
      content =
          @Content(
              mediaType = "application/json",
              examples = @ExampleObject(name = "not admin", value = FORBIDDEN)))
  @APIResponse(
      responseCode = "404",
      description = "no such rule in the caller's project",
      content =
          @Content(
              mediaType = "application/json",
              examples = @ExampleObject(name = "unknown", value = NO_RULE)))
  @APIResponse(responseCode = "409", description = FROM_THE_FILE)
  public ObjectNode update(@PathParam("id") String id, JsonNode body) {
    caller.requireAdmin("changing alerting");
    return alerts
        .updateRule(id, body)
        .orElseThrow(() -> new NotFoundException("no rule " + Parameters.abbreviate(id)));
  }

  @DELETE
  @Path("/{id}")
  @Operation(summary = "Delete a rule", description = "Its alerts go with it.")
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
      description = "no such rule in the caller's project",
      content =
          @Content(
              mediaType = "application/json",
              examples = @ExampleObject(name = "unknown", value = NO_RULE)))
  @APIResponse(responseCode = "409", description = FROM_THE_FILE)
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
          "When the rule would have fired and resolved over stored traffic in [from, to): the"
              + " metric per step (one window; a point without calls has value null) and the"
              + " firings. Drift rules are not replayed (`note` says so).")
  @APIResponse(
      responseCode = "200",
      description = "the replayed series and firings",
      content =
          @Content(
              mediaType = "application/json",
              examples = @ExampleObject(name = "one firing", value = BACKTEST)))
  @APIResponse(
      responseCode = "400",
      description = "a parameter is invalid; the message names it",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "range too long",
                      value =
                          "{\"error\":\"bad_parameter\",\"message\":\"from: the range must be at most 31 days\"}")))
  @APIResponse(
      responseCode = "404",
      description = "no such rule in the caller's project",
      content =
          @Content(
              mediaType = "application/json",
              examples = @ExampleObject(name = "unknown", value = NO_RULE)))
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
  @RequestBody(
      content =
          @Content(
              mediaType = "application/json",
              examples = @ExampleObject(name = "checkout p95 latency", value = PREVIEW_REQUEST)))
  @APIResponse(
      responseCode = "200",
      description = "the replayed series and firings",
      content =
          @Content(
              mediaType = "application/json",
              examples = @ExampleObject(name = "one firing", value = BACKTEST)))
  @APIResponse(
      responseCode = "400",
      description = "a field or parameter is invalid; the message names it",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "no threshold",
                      value =
                          "{\"error\":\"bad_parameter\",\"message\":\"threshold: required for threshold rules\"}")))
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
