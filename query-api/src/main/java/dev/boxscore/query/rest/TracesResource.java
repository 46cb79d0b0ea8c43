package dev.boxscore.query.rest;

import dev.boxscore.query.api.ModelsResponse;
import dev.boxscore.query.api.ServicesResponse;
import dev.boxscore.query.api.SuggestResponse;
import dev.boxscore.query.api.TraceHistogramResponse;
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
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
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
  @Operation(
      summary = "Search traces",
      description = "Traces that started in [from, to), newest first.")
  @APIResponse(
      responseCode = "200",
      description = "a page of traces; nextCursor is null on the last page",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "one page",
                      value =
                          """
          {"traces":[{"traceId":"4bf92f3577b34da6a3ce929d0e0e4736","service":"checkout","rootName":"POST /support",
          "startTime":"2026-11-28T09:14:03.120Z","durationMs":1840.2,"spanCount":7,"llmCalls":2,"inputTokens":1830,
          "outputTokens":412,"costUsd":0.008695,"unpricedCalls":0,"estimatedCalls":0,"models":["gpt-4o-2024-08-06"],
          "hasError":false}],"nextCursor":"MTc2NDMyMTI0MzEyMDAwMDAwMHw0YmY5MmYzNTc3YjM0ZGE2YTNjZTkyOWQwZTBlNDczNg"}""")))
  @APIResponse(
      responseCode = "400",
      description = "a parameter is invalid; the message names it",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "bad time",
                      value =
                          "{\"error\":\"bad_parameter\",\"message\":\"from: must be an ISO-8601 instant such as 2026-11-28T10:15:30Z, got \\\"yesterday\\\"\"}")))
  public TraceListResponse find(
      @Parameter(
              description =
                  "search query: `service:` `model:` `provider:` `status:error` `latency:>2s`"
                      + " `ttft:>500ms` `cost:>0.01` `tokens:>1000` `user:` `session:` `prompt:`"
                      + " `attr.KEY:VALUE`, `-` negates, other words and \"quoted phrases\" are"
                      + " searched in span names, inputs, outputs and attribute values",
              example = "model:gpt-4o latency:>2s \"refund policy\"")
          @QueryParam("q")
          String q,
      @Parameter(description = "only traces with a span of this service") @QueryParam("service")
          String service,
      @Parameter(
              description =
                  "only traces with an LLM call that requested or answered with this model")
          @QueryParam("model")
          String model,
      @Parameter(description = "ISO-8601 instant; default: `to` minus 24 h") @QueryParam("from")
          String from,
      @Parameter(description = "ISO-8601 instant, exclusive; default: now") @QueryParam("to")
          String to,
      @Parameter(description = "page size, 1 to 1000; default 50") @QueryParam("limit")
          String limit,
      @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor")
          String cursor) {
    Instant end = Parameters.instant("to", to, Instant.now());
    Instant start = Parameters.instant("from", from, end.minus(config.defaultLookback()));
    if (!start.isBefore(end)) {
      throw new BadParameterException("from", "must be before to");
    }
    return traces.find(
        new TraceQuery(
            SearchParameters.filter(
                q, Parameters.filter("service", service), Parameters.filter("model", model)),
            start,
            end,
            Parameters.limit("limit", limit, DEFAULT_LIMIT, config.maxLimit()),
            Parameters.cursor("cursor", cursor)));
  }

  @GET
  @Path("/traces/histogram")
  @Operation(
      summary = "Traces per bucket of time",
      description =
          "Traces matching `q` that started in [from, to), and how many had an error, per bucket"
              + " (about `buckets` buckets of whole seconds, oldest first, zeros included).")
  @APIResponse(
      responseCode = "200",
      description = "the buckets",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "two buckets",
                      value =
                          """
          {"from":"2026-11-28T09:00:00Z","to":"2026-11-28T11:00:00Z","bucketSeconds":3600,
          "points":[{"time":"2026-11-28T09:00:00Z","traces":12,"errors":1},
          {"time":"2026-11-28T10:00:00Z","traces":9,"errors":0}]}""")))
  @APIResponse(
      responseCode = "400",
      description = "a parameter is invalid; the message names it (and the position in q)",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "bad query",
                      value =
                          "{\"error\":\"bad_parameter\",\"message\":\"q: position 7: expected a value after 'model:'\"}")))
  public TraceHistogramResponse histogram(
      @Parameter(description = "search query, as for /traces") @QueryParam("q") String q,
      @Parameter(description = "ISO-8601 instant; default: `to` minus 24 h") @QueryParam("from")
          String from,
      @Parameter(description = "ISO-8601 instant, exclusive; default: now") @QueryParam("to")
          String to,
      @Parameter(description = "about how many buckets, 1 to 500; default 60")
          @QueryParam("buckets")
          String buckets) {
    Instant end = Parameters.instant("to", to, Instant.now());
    Instant start = Parameters.instant("from", from, end.minus(config.defaultLookback()));
    if (!start.isBefore(end)) {
      throw new BadParameterException("from", "must be before to");
    }
    return traces.histogram(
        SearchParameters.filter(q, null, null),
        start,
        end,
        Parameters.limit("buckets", buckets, 60, 500));
  }

  @GET
  @Path("/traces/suggest")
  @Operation(
      summary = "Completions for the search bar",
      description =
          "Without `key`: the keys of the search grammar. With `key` (service, model, provider,"
              + " status, user, session, prompt, attr for attribute names, attr.NAME for its"
              + " values): its most frequent values in [from, to) starting with `prefix`.")
  @APIResponse(
      responseCode = "200",
      description = "the completions",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "models",
                      value = "{\"key\":\"model\",\"values\":[\"gpt-4o\",\"gpt-4o-mini\"]}")))
  public SuggestResponse suggest(
      @Parameter(description = "the key to complete values of", example = "model")
          @QueryParam("key")
          String key,
      @Parameter(description = "what the value starts with (case-insensitive)", example = "gpt")
          @QueryParam("prefix")
          String prefix,
      @Parameter(description = "ISO-8601 instant; default: `to` minus 7 days") @QueryParam("from")
          String from,
      @Parameter(description = "ISO-8601 instant, exclusive; default: now") @QueryParam("to")
          String to,
      @Parameter(description = "at most this many values, 1 to 100; default 20")
          @QueryParam("limit")
          String limit) {
    Instant end = Parameters.instant("to", to, Instant.now());
    Instant start = Parameters.instant("from", from, end.minus(Duration.ofDays(7)));
    if (!start.isBefore(end)) {
      throw new BadParameterException("from", "must be before to");
    }
    if (prefix != null && prefix.length() > 200) {
      throw new BadParameterException("prefix", "must be at most 200 characters");
    }
    if (key != null && key.length() > 256) {
      throw new BadParameterException("key", "must be at most 256 characters");
    }
    return traces.suggest(key, prefix, start, end, Parameters.limit("limit", limit, 20, 100));
  }

  @GET
  @Path("/traces/{traceId}")
  @Operation(summary = "Get a trace", description = "Every span of one trace, in start order.")
  @APIResponse(
      responseCode = "200",
      description = "every span; LLM spans carry the normalized llm view",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "one LLM call",
                      value =
                          """
          {"traceId":"4bf92f3577b34da6a3ce929d0e0e4736","spans":[{"spanId":"00f067aa0ba902b7","parentSpanId":null,
          "name":"chat gpt-4o","service":"checkout","kind":"CLIENT","startTime":"2026-11-28T09:14:03.120Z",
          "durationMs":912.4,"status":"UNSET","statusMessage":"","scopeName":"boxscore-langchain4j",
          "attributes":{"gen_ai.request.model":"gpt-4o"},"resourceAttributes":{"service.name":"checkout"},
          "events":null,"llm":{"provider":"openai","operation":"chat","requestModel":"gpt-4o",
          "responseModel":"gpt-4o-2024-08-06","usageReported":true,"tokensEstimated":false,"inputTokens":1200,
          "outputTokens":300,"cacheReadTokens":0,"cacheWriteTokens":0,"reasoningTokens":0,"costUsd":0.006,
          "timeToFirstTokenMs":231.5,"finishReasons":["stop"],"responseId":"chatcmpl-9x","streaming":true,
          "systemFingerprint":"fp_50cad350e4","promptFingerprint":"a41f09c2d3b1e7f0","promptVersion":"v3",
          "input":null,"output":null}}]}""")))
  @APIResponse(
      responseCode = "400",
      description = "a parameter is invalid; the message names it",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "bad id",
                      value =
                          "{\"error\":\"bad_parameter\",\"message\":\"traceId: must be 32 hexadecimal characters\"}")))
  @APIResponse(
      responseCode = "404",
      description = "no such trace in the caller's project",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "unknown",
                      value =
                          "{\"error\":\"not_found\",\"message\":\"no trace 4bf92f3577b34da6a3ce929d0e0e4736 in this project\"}")))
  public TraceResponse get(@PathParam("traceId") String traceId) {
    String id = Parameters.traceId("traceId", traceId);
    return traces
        .get(id)
        .orElseThrow(() -> new NotFoundException("no trace " + id + " in this project"));
  }

  @GET
  @Path("/services")
  @Operation(summary = "Services seen in the last 7 days")
  @APIResponse(
      responseCode = "200",
      description = "service names, sorted",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "services",
                      value =
                          """
          {"services":["checkout","support-bot"]}""")))
  public ServicesResponse services() {
    return traces.services(Instant.now().minus(java.time.Duration.ofDays(7)));
  }

  @GET
  @Path("/models")
  @Operation(summary = "Models seen on LLM calls in the last 7 days")
  @APIResponse(
      responseCode = "200",
      description = "request and response models, sorted",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "models",
                      value =
                          """
          {"models":["claude-sonnet-4-5","gpt-4o","gpt-4o-2024-08-06"]}""")))
  public ModelsResponse models() {
    return traces.models(Instant.now().minus(java.time.Duration.ofDays(7)));
  }
}
