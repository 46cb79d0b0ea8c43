package dev.boxscore.query.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.boxscore.query.service.alerts.AlertService;
import dev.boxscore.storage.alerts.EventQuery;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The caller's project's alerts as they stand, and their history. */
@Path("/api/v1/alerts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "alerts")
@SecurityRequirement(name = "apiKey")
public class AlertsResource {
  private static final String VALUES =
      """
      {"metric":"latency_p95_ms","value":"2310.5","op":">","threshold":"2000","window":"10m",
      "calls":"57","severity":"critical"}""";

  private static final String ALERTS =
      """
      {"alerts":[{"ruleId":"rul_7f3a9c2e4b1d","ruleName":"checkout p95 latency","kind":"threshold",
      "severity":"critical","group":{"model":"gpt-4o"},
      "labels":{"alertname":"checkout p95 latency","kind":"threshold","model":"gpt-4o",
      "rule_id":"rul_7f3a9c2e4b1d","severity":"critical","team":"payments"},
      "annotations":{"runbook_url":"https://wiki.example.com/runbooks/checkout-latency",
      "summary":"Checkout is slow"},
      "state":"firing","since":"2026-12-07T13:50:00Z","activeAt":"2026-12-07T13:50:00Z",
      "firedAt":"2026-12-07T14:00:00Z","resolvedAt":null,"lastEvaluatedAt":"2026-12-07T14:05:00Z",
      "value":2310.5,"threshold":2000.0,"values":"""
          + VALUES
          + """
          ,"error":null,"silenced":false,"url":"/#/traces?service=checkout&model=gpt-4o&range=1h"}]}""";

  private static final String EVENTS =
      """
      {"events":[{"at":"2026-12-07T14:00:00Z","type":"transition","ruleId":"rul_7f3a9c2e4b1d",
      "ruleName":"checkout p95 latency","group":{"model":"gpt-4o"},"from":"pending","to":"firing",
      "value":2310.5,"values":"""
          + VALUES
          + """
          ,"error":null},
          {"at":"2026-12-07T13:20:01.250Z","type":"delivery","ruleId":"rul_7f3a9c2e4b1d",
          "ruleName":"checkout p95 latency","group":{"model":"gpt-4o"},"channelId":"chn_1a2b3c4d5e6f",
          "channelName":"ops webhook","notification":"resolved","attempt":1,"final":true,"status":"ok",
          "httpStatus":200,"error":null}],
          "next":null}""";

  private final AlertService alerts;

  AlertsResource(AlertService alerts) {
    this.alerts = alerts;
  }

  @GET
  @Operation(
      summary = "Current alerts",
      description =
          "Every alert that is pending, firing, recently resolved, without data or failing, firing first.")
  @APIResponse(
      responseCode = "200",
      description =
          "the alerts; `values` are the evaluation's details by kind (drift: baseline, current,"
              + " change, p_value…; swap: from_model, to_model…; budget: spent_usd, budget_usd,"
              + " forecast_usd…), `silenced` whether a silence holds back its notifications",
      content =
          @Content(
              mediaType = "application/json",
              examples = @ExampleObject(name = "one firing", value = ALERTS)))
  @APIResponse(
      responseCode = "400",
      description = "a parameter is invalid; the message names it",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "bad state",
                      value =
                          "{\"error\":\"bad_parameter\",\"message\":\"state: must be one of pending, firing, resolved, no_data, error\"}")))
  public ObjectNode list(
      @Parameter(
              description = "only alerts in this state: pending, firing, resolved, no_data, error")
          @QueryParam("state")
          String state) {
    return alerts.listAlerts(AlertParameters.state(state));
  }

  @GET
  @Path("/status")
  @Operation(
      summary = "Alert evaluator status",
      description =
          "Whether the answering process is the one that evaluates the rules and sends notifications"
              + " (`evaluator`), when it last completed an evaluation round (`lastRoundAt`, null:"
              + " never) and whether it takes part in the evaluator election at all"
              + " (`evaluatorEnabled`). Of several query processes, exactly one is the evaluator;"
              + " another takes over within `boxscore.query.alerts.failover-timeout` when it stops.")
  @APIResponse(
      responseCode = "200",
      description = "this process's part in evaluation",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "the evaluator",
                      value =
                          "{\"evaluator\":true,\"lastRoundAt\":\"2026-12-07T14:00:01Z\",\"evaluatorEnabled\":true}")))
  public ObjectNode status() {
    return alerts.status();
  }

  @GET
  @Path("/events")
  @Operation(
      summary = "Alert history",
      description =
          "Every state transition and delivery attempt in [from, to), newest first, paged.")
  @APIResponse(
      responseCode = "200",
      description = "the events; `next` is the cursor of the next page, null on the last one",
      content =
          @Content(
              mediaType = "application/json",
              examples = @ExampleObject(name = "a transition and a delivery", value = EVENTS)))
  @APIResponse(
      responseCode = "400",
      description = "a parameter is invalid; the message names it",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "bad limit",
                      value =
                          "{\"error\":\"bad_parameter\",\"message\":\"limit: must be between 1 and 500, got 0\"}")))
  public ObjectNode events(
      @Parameter(description = "ISO-8601 instant; default `to` minus 7 days") @QueryParam("from")
          String from,
      @Parameter(description = "ISO-8601 instant, exclusive; default now") @QueryParam("to")
          String to,
      @Parameter(description = "only this rule's events") @QueryParam("rule") String rule,
      @Parameter(description = "page size, 1..500; default 100") @QueryParam("limit") String limit,
      @Parameter(description = "the previous page's `next`") @QueryParam("cursor") String cursor) {
    Instant[] range =
        AlertParameters.range(from, to, Duration.ofDays(7), AlertParameters.MAX_HISTORY);
    Object[] c = AlertParameters.cursor(cursor);
    return alerts.events(
        new EventQuery(
            range[0],
            range[1],
            AlertParameters.ruleId("rule", rule),
            Parameters.limit("limit", limit, 100, 500),
            (Instant) c[0],
            (String) c[1]));
  }
}
