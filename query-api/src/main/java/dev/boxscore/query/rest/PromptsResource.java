package dev.boxscore.query.rest;

import dev.boxscore.query.api.PromptCompareResponse;
import dev.boxscore.query.api.PromptDetailResponse;
import dev.boxscore.query.api.PromptListResponse;
import dev.boxscore.query.service.PromptService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Prompt fingerprints and versions of the caller's project: list, one prompt, two compared. */
@Path("/api/v1/prompts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "prompts")
@SecurityRequirement(name = "apiKey")
public class PromptsResource {
  /** Compared calls are sampled per hour of the range, like /drift's current window. */
  static final Duration MAX_COMPARE_RANGE = Duration.ofDays(31);

  private final PromptService prompts;

  PromptsResource(PromptService prompts) {
    this.prompts = prompts;
  }

  @GET
  @Operation(
      summary = "Prompt versions",
      description =
          "Each prompt fingerprint / version whose calls started in [from, to): when it was first and last seen"
              + " (minute precision), calls, errors, tokens, cost (priced now with the price valid on each call's"
              + " day), latency quantiles and the aggregate of each score. A call's fingerprint and version come"
              + " from the agent extension (`boxscore.prompt.fingerprint`, `boxscore.prompt.version` or the"
              + " `boxscore.prompt.version` baggage entry), OpenLLMetry (`traceloop.prompt.version_hash`,"
              + " `traceloop.prompt.version`) or OpenInference (`llm.prompt_template.version`); the name from"
              + " `gen_ai.prompt.name` or `traceloop.prompt.key`.")
  @APIResponse(
      responseCode = "200",
      description = "the versions, by fingerprint and first seen",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "two versions",
                      value =
                          "{\"from\":\"2026-11-21T00:00:00Z\",\"to\":\"2026-11-28T00:00:00Z\",\"prompts\":[{\"fingerprint\":"
                              + "\"a1b2c3\",\"version\":\"v1\",\"name\":\"support-answer\",\"firstSeen\":\"2026-11-21T08:00:00Z\","
                              + "\"lastSeen\":\"2026-11-24T17:59:00Z\",\"calls\":4200,\"errors\":12,\"errorRate\":0.0029,"
                              + "\"cost\":{\"usd\":21.5,\"usdPerPricedCall\":0.00512},\"latencyMs\":{\"p50\":810.0,"
                              + "\"p95\":1900.0},\"scores\":[{\"name\":\"helpfulness\",\"dataType\":\"numeric\",\"scored\":"
                              + "400,\"average\":0.81,\"labels\":{}}]}]}")))
  @APIResponse(
      responseCode = "400",
      description = "a parameter is invalid; the message names it",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "bad range",
                      value =
                          "{\"error\":\"bad_parameter\",\"message\":\"from: must be before to\"}")))
  public PromptListResponse list(
      @Parameter(description = "ISO-8601 instant; default: `to` minus 7 days") @QueryParam("from")
          String from,
      @Parameter(description = "ISO-8601 instant, exclusive; default: now") @QueryParam("to")
          String to) {
    Instant end = Parameters.instant("to", to, Instant.now());
    Instant start = Parameters.instant("from", from, end.minus(Duration.ofDays(7)));
    AnalyticsParameters.range(start, end);
    return prompts.list(start, end);
  }

  @GET
  @Path("/compare")
  @Operation(
      summary = "Compare two prompt versions",
      description =
          "The calls of side a and side b over [from, to) side by side (cost, tokens, latency, errors, scores),"
              + " each quantity tested as /drift tests it, side a as the baseline: distributions (cost per call,"
              + " latency, TTFT, tokens, numeric scores) with Mann-Whitney U and Kolmogorov-Smirnov, rates (errors,"
              + " boolean scores) with a 2x2 chi-square test, mixes (finish reasons, categorical scores) with a"
              + " chi-square test of homogeneity. A test's verdict is `drift` when the difference is significant"
              + " (p < alpha and a relative change of at least min_change). A side is a fingerprint, a version or"
              + " both; at most max_samples calls and scores per side are read (a reproducible sample).")
  @APIResponse(
      responseCode = "200",
      description = "both sides' figures and the tests",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "v2 is slower",
                      value =
                          "{\"from\":\"2026-11-21T00:00:00Z\",\"to\":\"2026-11-28T00:00:00Z\",\"aFingerprint\":\"a1b2c3\","
                              + "\"aVersion\":\"v1\",\"bFingerprint\":\"a1b2c3\",\"bVersion\":\"v2\",\"alpha\":0.01,"
                              + "\"minSamples\":30,\"minRelativeChange\":0.05,\"significant\":true,\"tests\":[{\"metric\":"
                              + "\"latency_ms\",\"test\":\"mann_whitney_u+kolmogorov_smirnov\",\"baseline\":810.0,\"current\":"
                              + "1050.0,\"change\":240.0,\"relativeChange\":0.296,\"pValue\":1.0E-30,\"baselineSamples\":2000,"
                              + "\"currentSamples\":2000,\"verdict\":\"drift\"}]}")))
  @APIResponse(
      responseCode = "400",
      description = "a parameter is invalid; the message names it",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "no side b",
                      value =
                          "{\"error\":\"bad_parameter\",\"message\":\"b_version: side b needs b_fingerprint,"
                              + " b_version or both\"}")))
  public PromptCompareResponse compare(
      @Parameter(description = "side a: this prompt fingerprint", example = "a1b2c3")
          @QueryParam("a_fingerprint")
          String aFingerprint,
      @Parameter(description = "side a: this prompt version", example = "v1")
          @QueryParam("a_version")
          String aVersion,
      @Parameter(description = "side b: this prompt fingerprint", example = "a1b2c3")
          @QueryParam("b_fingerprint")
          String bFingerprint,
      @Parameter(description = "side b: this prompt version", example = "v2")
          @QueryParam("b_version")
          String bVersion,
      @Parameter(description = "ISO-8601 instant; default: `to` minus 7 days") @QueryParam("from")
          String from,
      @Parameter(description = "ISO-8601 instant, exclusive; default: now") @QueryParam("to")
          String to,
      @Parameter(description = "fewest values per side to test, 10-100000; default 30")
          @QueryParam("min_samples")
          String minSamples,
      @Parameter(description = "significance level, (0, 0.5]; default 0.01") @QueryParam("alpha")
          String alpha,
      @Parameter(description = "smallest relative change called significant, (0, 10]; default 0.05")
          @QueryParam("min_change")
          String minChange,
      @Parameter(description = "most calls and scores read per side, 100-50000; default 2000")
          @QueryParam("max_samples")
          String maxSamples) {
    String aFp = Parameters.filter("a_fingerprint", aFingerprint);
    String aV = Parameters.filter("a_version", aVersion);
    String bFp = Parameters.filter("b_fingerprint", bFingerprint);
    String bV = Parameters.filter("b_version", bVersion);
    if (aFp == null && aV == null) {
      throw new BadParameterException("a_version", "side a needs a_fingerprint, a_version or both");
    }
    if (bFp == null && bV == null) {
      throw new BadParameterException("b_version", "side b needs b_fingerprint, b_version or both");
    }
    if (Objects.equals(aFp, bFp) && Objects.equals(aV, bV)) {
      throw new BadParameterException("b_version", "side b must differ from side a");
    }
    Instant end = Parameters.instant("to", to, Instant.now());
    Instant start = Parameters.instant("from", from, end.minus(Duration.ofDays(7)));
    if (!start.isBefore(end)) {
      throw new BadParameterException("from", "must be before to");
    }
    if (Duration.between(start, end).compareTo(MAX_COMPARE_RANGE) > 0) {
      throw new BadParameterException(
          "from", "the range from..to must be at most " + MAX_COMPARE_RANGE.toDays() + " days");
    }
    return prompts.compare(
        new PromptService.CompareQuery(
            aFp,
            aV,
            bFp,
            bV,
            start,
            end,
            AnalyticsParameters.integer("min_samples", minSamples, 30, 10, 100_000),
            AnalyticsParameters.number("alpha", alpha, 0.01, 0, 0.5),
            AnalyticsParameters.number("min_change", minChange, 0.05, 0, 10),
            AnalyticsParameters.integer("max_samples", maxSamples, 2000, 100, 50_000)));
  }

  @GET
  @Path("/{fingerprint}")
  @Operation(
      summary = "One prompt fingerprint",
      description =
          "The fingerprint's versions over [from, to) with their figures and scores, the template text captured"
              + " per version (OpenInference `llm.prompt_template.template`, OpenLLMetry"
              + " `traceloop.prompt.template`; the latest call's), and a timeline of which version served when:"
              + " calls per version per `bucket` (default 1h for ranges up to 3 days, else 1d).")
  @APIResponse(
      responseCode = "200",
      description = "the fingerprint's versions, templates and timeline",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "two versions",
                      value =
                          "{\"fingerprint\":\"a1b2c3\",\"name\":\"support-answer\",\"from\":\"2026-11-27T00:00:00Z\","
                              + "\"to\":\"2026-11-28T00:00:00Z\",\"bucketSeconds\":3600,\"versions\":[],\"templates\":[{"
                              + "\"version\":\"v2\",\"name\":\"support-answer\",\"template\":\"Answer {{question}} briefly.\","
                              + "\"capturedAt\":\"2026-11-27T23:58:10Z\"}],\"timeline\":[{\"bucket\":"
                              + "\"2026-11-27T10:00:00Z\",\"version\":\"v1\",\"calls\":120},{\"bucket\":"
                              + "\"2026-11-27T11:00:00Z\",\"version\":\"v2\",\"calls\":131}]}")))
  @APIResponse(
      responseCode = "404",
      description = "the fingerprint served no call in the range",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "unknown",
                      value =
                          "{\"error\":\"not_found\",\"message\":\"no calls of prompt fingerprint x in the"
                              + " range\"}")))
  @APIResponse(
      responseCode = "400",
      description = "a parameter is invalid; the message names it",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "bad bucket",
                      value =
                          "{\"error\":\"bad_parameter\",\"message\":\"bucket: must be whole minutes from 1m to"
                              + " 1d, got \\\"7s\\\"\"}")))
  public PromptDetailResponse detail(
      @Parameter(description = "the prompt fingerprint", example = "a1b2c3")
          @PathParam("fingerprint")
          String fingerprint,
      @Parameter(description = "ISO-8601 instant; default: `to` minus 7 days") @QueryParam("from")
          String from,
      @Parameter(description = "ISO-8601 instant, exclusive; default: now") @QueryParam("to")
          String to,
      @Parameter(description = "timeline bucket, 1m to 1d", example = "1h") @QueryParam("bucket")
          String bucket) {
    String fp = AnalyticsParameters.required("fingerprint", fingerprint);
    Instant end = Parameters.instant("to", to, Instant.now());
    Instant start = Parameters.instant("from", from, end.minus(Duration.ofDays(7)));
    AnalyticsParameters.range(start, end);
    Duration fallback =
        Duration.between(start, end).compareTo(Duration.ofDays(3)) <= 0
            ? Duration.ofHours(1)
            : Duration.ofDays(1);
    Duration b = AnalyticsParameters.bucket("bucket", bucket, fallback, start, end);
    PromptDetailResponse detail = prompts.detail(fp, start, end, b);
    if (detail == null) {
      throw new NotFoundException(
          "no calls of prompt fingerprint " + Parameters.abbreviate(fp) + " in the range");
    }
    return detail;
  }
}
