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
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The caller's project's alerts as they stand, and their history. */
@Path("/api/v1/alerts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "alerts")
@SecurityRequirement(name = "apiKey")
public class AlertsResource {
  private final AlertService alerts;

  AlertsResource(AlertService alerts) {
    this.alerts = alerts;
  }

  @GET
  @Operation(
      summary = "Current alerts",
      description =
          "Every alert that is pending, firing, recently resolved, without data or failing, firing first.")
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
  public ObjectNode status() {
    return alerts.status();
  }

  @GET
  @Path("/events")
  @Operation(
      summary = "Alert history",
      description =
          "Every state transition and delivery attempt in [from, to), newest first, paged.")
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
