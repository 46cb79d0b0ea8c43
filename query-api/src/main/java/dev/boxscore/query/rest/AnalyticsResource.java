package dev.boxscore.query.rest;

import dev.boxscore.query.api.CompareResponse;
import dev.boxscore.query.api.MetricsResponse;
import dev.boxscore.query.api.WhatIfResponse;
import dev.boxscore.query.service.AnalyticsService;
import dev.boxscore.query.service.TargetProvider;
import dev.boxscore.query.service.scores.ScoreService;
import dev.boxscore.storage.analytics.CallFilter;
import dev.boxscore.storage.analytics.Dimension;
import dev.boxscore.storage.analytics.RollupQuery;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Cost, usage and latency metrics, model comparison and what-if re-pricing, for the caller's
 * project.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "analytics")
@SecurityRequirement(name = "apiKey")
public class AnalyticsResource {
  static final String BAD_PARAMETER_EXAMPLE =
      "{\"error\":\"bad_parameter\",\"message\":\"bucket: must be whole minutes from 1m to 1d, got \\\"90s\\\"\"}";
  static final String METRICS_EXAMPLE =
      "{\"from\":\"2026-11-28T00:00:00Z\",\"to\":\"2026-11-29T00:00:00Z\",\"bucketSeconds\":3600,"
          + "\"groupBy\":[\"model\"],\"rows\":[{\"bucket\":\"2026-11-28T10:00:00Z\",\"group\":{\"model\":"
          + "\"gpt-4o-2024-08-06\"},\"calls\":1200,\"errors\":6,\"errorRate\":0.005,\"tokens\":{\"input\":1800000,"
          + "\"output\":240000,\"cacheRead\":600000,\"cacheWrite\":0,\"reasoning\":0,\"estimated\":false,"
          + "\"estimatedCalls\":0},\"cost\":{\"usd\":6.15,\"pricedCalls\":1200,\"unpricedCalls\":0,"
          + "\"unpricedModels\":[],\"estimated\":false,\"usdPerPricedCall\":0.005125},\"latencyMs\":{\"p50\":812.4,"
          + "\"p90\":1630.2,\"p95\":2011.7,\"p99\":3120.9,\"mean\":934.1},\"ttftMs\":{\"calls\":700,\"p50\":301.2,"
          + "\"p95\":655.0},\"outputTokensPerCall\":200.0,\"finishReasons\":{\"stop\":1190,\"length\":10}}]}";

  private final AnalyticsService analytics;
  private final ScoreService scores;

  AnalyticsResource(AnalyticsService analytics, ScoreService scores) {
    this.scores = scores;
    this.analytics = analytics;
  }

  @GET
  @Path("/metrics")
  @Operation(
      summary = "LLM call metrics",
      description =
          "Calls, errors, error rate, tokens by class, cost, latency p50/p90/p95/p99, time to first token"
              + " p50/p95, output tokens per call and finish-reason mix, per time bucket (1m to 1d, aligned to UTC)"
              + " and per the dimensions in group_by. Served from the per-minute rollup, so from/to are used at"
              + " minute precision. Cost is computed now from the stored tokens and the price valid on each call's"
              + " day (project prices first, then the built-in catalog); calls of unknown models are counted as"
              + " unpriced, never as $0; estimated tokens are flagged.")
  @APIResponse(
      responseCode = "200",
      description = "one row per bucket and group",
      content =
          @Content(
              mediaType = "application/json",
              examples = @ExampleObject(name = "hourly by model", value = METRICS_EXAMPLE)))
  @APIResponse(
      responseCode = "400",
      description = "a parameter is invalid; the message names it",
      content =
          @Content(
              mediaType = "application/json",
              examples = @ExampleObject(name = "bad bucket", value = BAD_PARAMETER_EXAMPLE)))
  public MetricsResponse metrics(
      @Parameter(
              description = "ISO-8601 instant; default: `to` minus 24 h",
              example = "2026-11-28T00:00:00Z")
          @QueryParam("from")
          String from,
      @Parameter(
              description = "ISO-8601 instant, exclusive; default: now",
              example = "2026-11-29T00:00:00Z")
          @QueryParam("to")
          String to,
      @Parameter(
              description = "bucket size, whole minutes from 1m to 1d; default 1h",
              example = "1h")
          @QueryParam("bucket")
          String bucket,
      @Parameter(
              description =
                  "comma-separated: service, provider, model, request_model, response_model,"
                      + " prompt_fingerprint, prompt_version, user, session (user and session combine"
                      + " with provider and the model dimensions, answer usage fields only, and count"
                      + " the calls that name a user or session, per whole hour)",
              example = "model,service")
          @QueryParam("group_by")
          String groupBy,
      @Parameter(description = "only this service") @QueryParam("service") String service,
      @Parameter(description = "only this provider", example = "openai") @QueryParam("provider")
          String provider,
      @Parameter(
              description = "only calls that requested or answered with this model",
              example = "gpt-4o")
          @QueryParam("model")
          String model,
      @Parameter(description = "only this request model") @QueryParam("request_model")
          String requestModel,
      @Parameter(description = "only this response model") @QueryParam("response_model")
          String responseModel,
      @Parameter(description = "only this prompt fingerprint") @QueryParam("prompt_fingerprint")
          String promptFingerprint,
      @Parameter(description = "only this prompt version", example = "v3")
          @QueryParam("prompt_version")
          String promptVersion,
      @Parameter(description = "only this end user's calls (as group_by=user)") @QueryParam("user")
          String user,
      @Parameter(description = "only this conversation's calls (as group_by=session)")
          @QueryParam("session")
          String session,
      @Parameter(
              description =
                  "`all` (default) or `usage`, optionally with `scores` (e.g. `usage,scores`): `usage`"
                      + " answers calls, errors, tokens and cost only, with latencyMs,"
                      + " ttftMs and finishReasons null; several times cheaper, for cost and usage dashboards;"
                      + " `scores` adds each row's scores by name (count, average or share true, labels) of"
                      + " the row's calls",
              example = "usage")
          @QueryParam("fields")
          String fields) {
    Instant end = Parameters.instant("to", to, Instant.now());
    Instant start = Parameters.instant("from", from, end.minus(Duration.ofHours(24)));
    AnalyticsParameters.range(start, end);
    boolean usageOnly = usageOnly(fields);
    RollupQuery query =
        new RollupQuery(
            start,
            end,
            AnalyticsParameters.bucket("bucket", bucket, Duration.ofHours(1), start, end),
            AnalyticsParameters.filter(
                service,
                provider,
                model,
                requestModel,
                responseModel,
                promptFingerprint,
                promptVersion),
            AnalyticsParameters.groupBy("group_by", groupBy));
    String userId = Parameters.filter("user", user);
    String sessionId = Parameters.filter("session", session);
    if (userId != null
        || sessionId != null
        || query.groupBy().contains(Dimension.USER)
        || query.groupBy().contains(Dimension.SESSION)) {
      AnalyticsParameters.requireUserQuery(query);
      MetricsResponse users = analytics.userMetrics(query, userId, sessionId);
      return withScores(fields) ? scores.withScores(users, query, userId, sessionId) : users;
    }
    MetricsResponse metrics = analytics.metrics(query, usageOnly);
    return withScores(fields) ? scores.withScores(metrics, query, null, null) : metrics;
  }

  /** The fields parameter: all or usage, optionally with scores ({@code usage,scores}). */
  private static Set<String> fieldList(String fields) {
    if (fields == null || fields.isBlank()) {
      return Set.of("all");
    }
    Set<String> out = new java.util.HashSet<>();
    for (String f : fields.split(",")) {
      String name = f.strip();
      if (!name.equals("all") && !name.equals("usage") && !name.equals("scores")) {
        throw new BadParameterException(
            "fields",
            "must be all or usage, optionally with scores (e.g. usage,scores), got \""
                + Parameters.abbreviate(fields.strip())
                + "\"");
      }
      out.add(name);
    }
    if (out.contains("all") && out.contains("usage")) {
      throw new BadParameterException("fields", "takes all or usage, not both");
    }
    return out;
  }

  private static boolean usageOnly(String fields) {
    return fieldList(fields).contains("usage");
  }

  private static boolean withScores(String fields) {
    return fieldList(fields).contains("scores");
  }

  @GET
  @Path("/compare")
  @Operation(
      summary = "Compare two models",
      description =
          "Cost per call, tokens, latency quantiles, time to first token, error rate and finish reasons of the"
              + " calls of model a and model b (request or response model) over [from, to), and the average of"
              + " each evaluation score recorded for them: OTel GenAI `gen_ai.evaluation.result` span events on"
              + " the call, or evaluator spans (children of the call) carrying `gen_ai.evaluation.name` and"
              + " `gen_ai.evaluation.score.value`; a score naming `gen_ai.response.id` belongs to that response's"
              + " call.")
  @APIResponse(
      responseCode = "200",
      description = "both models' figures",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "gpt-4o vs claude",
                      value =
                          "{\"from\":\"2026-11-21T00:00:00Z\",\"to\":\"2026-11-28T00:00:00Z\",\"aModel\":\"gpt-4o\","
                              + "\"bModel\":\"claude-sonnet-4-5\",\"a\":{\"calls\":5000,\"errorRate\":0.01,\"cost\":{\"usd\":25.6,"
                              + "\"usdPerPricedCall\":0.00512}},\"b\":{\"calls\":4100,\"errorRate\":0.004,\"cost\":{\"usd\":30.1,"
                              + "\"usdPerPricedCall\":0.00734}},\"scores\":[{\"name\":\"relevance\",\"a\":{\"scored\":480,"
                              + "\"average\":0.82},\"b\":{\"scored\":390,\"average\":0.87}}],\"scoresNote\":null}")))
  @APIResponse(
      responseCode = "400",
      description = "a parameter is invalid; the message names it",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "missing b",
                      value = "{\"error\":\"bad_parameter\",\"message\":\"b: is required\"}")))
  public CompareResponse compare(
      @Parameter(description = "first model", required = true, example = "gpt-4o") @QueryParam("a")
          String a,
      @Parameter(description = "second model", required = true, example = "claude-sonnet-4-5")
          @QueryParam("b")
          String b,
      @Parameter(description = "ISO-8601 instant; default: `to` minus 7 days") @QueryParam("from")
          String from,
      @Parameter(description = "ISO-8601 instant, exclusive; default: now") @QueryParam("to")
          String to,
      @Parameter(description = "only this service") @QueryParam("service") String service) {
    String modelA = AnalyticsParameters.required("a", a);
    String modelB = AnalyticsParameters.required("b", b);
    Instant end = Parameters.instant("to", to, Instant.now());
    Instant start = Parameters.instant("from", from, end.minus(Duration.ofDays(7)));
    AnalyticsParameters.range(start, end);
    CallFilter filter = AnalyticsParameters.filter(service, null, null, null, null, null, null);
    return analytics.compare(
        modelA, modelB, new RollupQuery(start, end, Duration.ofDays(1), filter, Set.of()));
  }

  @GET
  @Path("/what-if")
  @Operation(
      summary = "Re-price real traffic as if it had used another model",
      description =
          "Takes the calls of [from, to) (optionally filtered) and prices their real token counts at the target"
              + " model's price valid on each call's day. The price is that of the provider that would serve the"
              + " target: `target_provider` when given, else the one provider pricing the model (the project's own"
              + " prices first, then the built-in catalog's, where the model maker's list price wins). The answer"
              + " names that provider, why it was chosen and the prices applied, states the assumption and gives"
              + " the real and the what-if cost per service and in total.")
  @APIResponse(
      responseCode = "200",
      description = "cost per service and in total",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "to gpt-4o-mini",
                      value =
                          "{\"targetModel\":\"gpt-4o-mini\",\"assumption\":\"Each call is re-priced with the same ...\","
                              + "\"services\":[{\"service\":\"checkout\",\"calls\":1000,\"comparedCalls\":1000,\"actualUsd\":5.25,"
                              + "\"whatIfUsd\":0.315,\"differenceUsd\":-4.935,\"unpricedCalls\":0,\"estimated\":false}],"
                              + "\"total\":{\"service\":\"(total)\",\"calls\":1000,\"comparedCalls\":1000,\"actualUsd\":5.25,"
                              + "\"whatIfUsd\":0.315,\"differenceUsd\":-4.935,\"unpricedCalls\":0,\"estimated\":false},"
                              + "\"targetProvider\":\"openai\",\"targetProviderChosenBy\":\"built-in price\","
                              + "\"targetPrices\":[{\"origin\":\"built-in\",\"provider\":\"openai\",\"model\":\"gpt-4o-mini\","
                              + "\"anyProvider\":true,\"input\":0.15,\"output\":0.6,\"cacheRead\":0.075,\"cacheWrite\":null,"
                              + "\"reasoning\":null,\"effectiveFrom\":\"2024-07-18\",\"source\":\"openai.com/api/pricing\"}]}")))
  @APIResponse(
      responseCode = "400",
      description = "a parameter is invalid; the message names it",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "unpriced target",
                      value =
                          "{\"error\":\"bad_parameter\",\"message\":\"model: no price is known for my-model\"}")))
  public WhatIfResponse whatIf(
      @Parameter(
              description = "the model to re-price with",
              required = true,
              example = "gpt-4o-mini")
          @QueryParam("model")
          String model,
      @Parameter(
              description = "the provider that would serve it (for host-specific prices)",
              example = "openai")
          @QueryParam("target_provider")
          String targetProvider,
      @Parameter(description = "ISO-8601 instant; default: `to` minus 7 days") @QueryParam("from")
          String from,
      @Parameter(description = "ISO-8601 instant, exclusive; default: now") @QueryParam("to")
          String to,
      @Parameter(description = "only this service") @QueryParam("service") String service,
      @Parameter(
              description = "only calls that requested or answered with this model",
              example = "gpt-4o")
          @QueryParam("source_model")
          String sourceModel,
      @Parameter(description = "only this prompt version") @QueryParam("prompt_version")
          String promptVersion) {
    String target = AnalyticsParameters.required("model", model);
    String provider = Parameters.filter("target_provider", targetProvider);
    Instant end = Parameters.instant("to", to, Instant.now());
    Instant start = Parameters.instant("from", from, end.minus(Duration.ofDays(7)));
    AnalyticsParameters.range(start, end);
    TargetProvider chosen = analytics.targetProvider(target, provider, end.minusNanos(1));
    if (chosen.candidates().isEmpty()) {
      throw new BadParameterException(
          "model",
          "no price is known for "
              + target
              + (provider == null ? "" : " served by " + provider)
              + " at the range's end (to="
              + end
              + ")");
    }
    if (chosen.provider() == null) {
      throw new BadParameterException(
          "target_provider",
          target
              + " is priced for several providers ("
              + String.join(", ", chosen.candidates())
              + "): name the one that would serve it");
    }
    CallFilter filter =
        AnalyticsParameters.filter(service, null, null, null, null, null, promptVersion)
            .withModel(Parameters.filter("source_model", sourceModel));
    return analytics.whatIf(
        new RollupQuery(start, end, Duration.ofDays(1), filter, Set.of()), target, chosen);
  }
}
