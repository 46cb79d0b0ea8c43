package dev.boxscore.query.rest;

import dev.boxscore.query.api.ModelsResponse;
import dev.boxscore.query.api.ServicesResponse;
import dev.boxscore.query.api.TraceListResponse;
import dev.boxscore.query.api.TraceResponse;
import dev.boxscore.query.config.QueryConfig;
import dev.boxscore.query.service.TraceService;
import dev.boxscore.storage.TraceQuery;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Trace search and trace retrieval, scoped to the caller's project. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "traces")
@SecurityRequirement(name = "apiKey")
public class TracesResource {
  private static final int DEFAULT_LIMIT = 50;

  private final TraceService traces;
  private final QueryConfig config;

  TracesResource(TraceService traces, QueryConfig config) {
    this.traces = traces;
    this.config = config;
  }

  @GET
  @Path("/traces")
  @Operation(summary = "Search traces", description = "Traces that started in [from, to), newest first.")
  public TraceListResponse find(
      @Parameter(description = "only traces with a span of this service") @QueryParam("service") String service,
      @Parameter(description = "only traces with an LLM call that requested or answered with this model")
          @QueryParam("model")
          String model,
      @Parameter(description = "ISO-8601 instant; default: `to` minus 24 h") @QueryParam("from") String from,
      @Parameter(description = "ISO-8601 instant, exclusive; default: now") @QueryParam("to") String to,
      @Parameter(description = "page size, 1 to 1000; default 50") @QueryParam("limit") String limit,
      @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
    Instant end = Parameters.instant("to", to, Instant.now());
    Instant start = Parameters.instant("from", from, end.minus(config.defaultLookback()));
    if (!start.isBefore(end)) {
      throw new BadParameterException("from", "must be before to");
    }
    return traces.find(
        new TraceQuery(
            Parameters.filter("service", service),
            Parameters.filter("model", model),
            start,
            end,
            Parameters.limit("limit", limit, DEFAULT_LIMIT, config.maxLimit()),
            Parameters.cursor("cursor", cursor)));
  }

  @GET
  @Path("/traces/{traceId}")
  @Operation(summary = "Get a trace", description = "Every span of one trace, in start order.")
  public TraceResponse get(@PathParam("traceId") String traceId) {
    String id = Parameters.traceId("traceId", traceId);
    return traces
        .get(id)
        .orElseThrow(() -> new NotFoundException("no trace " + id + " in this project"));
  }

  @GET
  @Path("/services")
  @Operation(summary = "Services seen in the last 7 days")
  public ServicesResponse services() {
    return traces.services(Instant.now().minus(java.time.Duration.ofDays(7)));
  }

  @GET
  @Path("/models")
  @Operation(summary = "Models seen on LLM calls in the last 7 days")
  public ModelsResponse models() {
    return traces.models(Instant.now().minus(java.time.Duration.ofDays(7)));
  }
}
