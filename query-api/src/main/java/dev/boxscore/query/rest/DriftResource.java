package dev.boxscore.query.rest;

import dev.boxscore.query.api.DriftResponse;
import dev.boxscore.query.api.SwapsResponse;
import dev.boxscore.query.service.DriftService;
import dev.boxscore.query.service.SwapService;
import dev.boxscore.storage.analytics.CallFilter;
import dev.boxscore.storage.analytics.RepeatingWindow;
import dev.boxscore.storage.analytics.TimeWindow;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Drift checks and silent model swaps, for the caller's project. */
@Path("/api/v1/drift")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "drift")
@SecurityRequirement(name = "apiKey")
public class DriftResource {
  static final Duration MAX_BASELINE = Duration.ofDays(92);

  private final DriftService drift;
  private final SwapService swaps;

  DriftResource(DriftService drift, SwapService swaps) {
    this.drift = drift;
    this.swaps = swaps;
  }

  @GET
  @Operation(
      summary = "Did a subject's behaviour change?",
      description =
          "Compares the subject's calls (any combination of model, service, provider, prompt version and"
              + " fingerprint; at least one) in the current window [from, to) (default: the last hour) with a"
              + " baseline: [baseline_from, baseline_to) when given, else the same window on each of the previous"
              + " `baseline_days` days (default 7). Distributions (latency, TTFT, cost per call, tokens per call,"
              + " output tokens) are tested with Mann-Whitney U and Kolmogorov-Smirnov, the error rate with a"
              + " 2x2 chi-square test, the finish-reason mix with a chi-square test of homogeneity. Every score"
              + " name of the subject's calls in either window is a metric `score:<name>`: numeric scores with"
              + " Mann-Whitney U (baseline and current are the means, the change that of the mean), boolean ones"
              + " as the share true (2x2 chi-square), categorical ones as their mix (chi-square; the change is"
              + " the total variation distance), sampled like the calls. A metric is"
              + " `drift` when p < alpha and its change is at least min_change; `insufficient_samples` when either"
              + " side has fewer than min_samples calls (no test is run then). At most max_samples calls per side"
              + " are read (a reproducible hash sample): the default 2,000 detects a 10% shift of a log-normal"
              + " latency median (sigma 0.5) with power above 99% at alpha 0.01 and keeps the check fast; raise it"
              + " for subtler changes.")
  @APIResponse(
      responseCode = "200",
      description = "per-metric verdicts",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "latency drift",
                      value =
                          "{\"subject\":{\"model\":\"gpt-4o\"},\"currentFrom\":\"2026-11-28T10:00:00Z\","
                              + "\"currentTo\":\"2026-11-28T11:00:00Z\",\"alpha\":0.01,\"minSamples\":50,\"minRelativeChange\":0.1,\"scoreMinRelativeChange\":0.05,"
                              + "\"drifted\":true,\"metrics\":[{\"metric\":\"latency_ms\",\"test\":"
                              + "\"mann_whitney_u+kolmogorov_smirnov\",\"baseline\":801.0,\"current\":1204.5,\"change\":403.5,"
                              + "\"relativeChange\":0.504,\"pValue\":1.2E-40,\"baselineSamples\":2000,\"currentSamples\":610,"
                              + "\"verdict\":\"drift\"},{\"metric\":\"error_rate\",\"test\":\"chi_square_2x2\",\"baseline\":0.01,"
                              + "\"current\":0.011,\"change\":0.001,\"relativeChange\":0.1,\"pValue\":0.8,\"baselineSamples\":2000,"
                              + "\"currentSamples\":610,\"verdict\":\"no_drift\"}]}")))
  @APIResponse(
      responseCode = "400",
      description = "a parameter is invalid; the message names it",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "no subject",
                      value =
                          "{\"error\":\"bad_parameter\",\"message\":\"model: a subject is required: give model, service,"
                              + " provider, prompt_version or prompt_fingerprint\"}")))
  public DriftResponse drift(
      @Parameter(
              description = "subject: calls that requested or answered with this model",
              example = "gpt-4o")
          @QueryParam("model")
          String model,
      @Parameter(description = "subject: this service") @QueryParam("service") String service,
      @Parameter(description = "subject: this provider") @QueryParam("provider") String provider,
      @Parameter(description = "subject: this prompt version") @QueryParam("prompt_version")
          String promptVersion,
      @Parameter(description = "subject: this prompt fingerprint") @QueryParam("prompt_fingerprint")
          String promptFingerprint,
      @Parameter(description = "current window start; default `to` minus 1 h") @QueryParam("from")
          String from,
      @Parameter(description = "current window end, exclusive; default now") @QueryParam("to")
          String to,
      @Parameter(description = "explicit baseline start (with baseline_to)")
          @QueryParam("baseline_from")
          String baselineFrom,
      @Parameter(description = "explicit baseline end, exclusive") @QueryParam("baseline_to")
          String baselineTo,
      @Parameter(description = "days of same-time windows before the current one, 1-30; default 7")
          @QueryParam("baseline_days")
          String baselineDays,
      @Parameter(description = "fewest calls per side to test, 10-100000; default 50")
          @QueryParam("min_samples")
          String minSamples,
      @Parameter(description = "significance level, (0, 0.5]; default 0.01") @QueryParam("alpha")
          String alpha,
      @Parameter(description = "smallest relative change called drift, (0, 10]; default 0.1")
          @QueryParam("min_change")
          String minChange,
      @Parameter(
              description =
                  "smallest relative change of a score (its mean, share true or label mix) called"
                      + " drift, (0, 10]; default 0.05")
          @QueryParam("score_min_change")
          String scoreMinChange,
      @Parameter(description = "most calls read per side, 100-50000; default 2000")
          @QueryParam("max_samples")
          String maxSamples) {
    CallFilter subject =
        AnalyticsParameters.filter(
            service, provider, model, null, null, promptFingerprint, promptVersion);
    Map<String, String> described = new LinkedHashMap<>();
    put(described, "model", subject.model());
    put(described, "service", subject.service());
    put(described, "provider", subject.provider());
    put(described, "prompt_version", subject.promptVersion());
    put(described, "prompt_fingerprint", subject.promptFingerprint());
    if (described.isEmpty()) {
      throw new BadParameterException(
          "model",
          "a subject is required: give model, service, provider,"
              + " prompt_version or prompt_fingerprint");
    }
    Instant end = Parameters.instant("to", to, Instant.now());
    Instant start = Parameters.instant("from", from, end.minus(Duration.ofHours(1)));
    if (!start.isBefore(end)) {
      throw new BadParameterException("from", "must be before to");
    }
    if (Duration.between(start, end).compareTo(Duration.ofDays(31)) > 0) {
      throw new BadParameterException("from", "the current window must be at most 31 days");
    }
    RepeatingWindow baseline;
    if (baselineFrom != null || baselineTo != null) {
      Instant bTo = Parameters.instant("baseline_to", baselineTo, null);
      Instant bFrom = Parameters.instant("baseline_from", baselineFrom, null);
      if (bFrom == null || bTo == null) {
        throw new BadParameterException(
            bFrom == null ? "baseline_from" : "baseline_to",
            "baseline_from and baseline_to go together");
      }
      if (!bFrom.isBefore(bTo)) {
        throw new BadParameterException("baseline_from", "must be before baseline_to");
      }
      // A longer baseline reads more calls than a drift check can sample in time: refused, not
      // timed out.
      if (Duration.between(bFrom, bTo).compareTo(MAX_BASELINE) > 0) {
        throw new BadParameterException(
            "baseline_from",
            "the baseline baseline_from..baseline_to must be at most "
                + MAX_BASELINE.toDays()
                + " days");
      }
      baseline = RepeatingWindow.once(new TimeWindow(bFrom, bTo));
    } else {
      int days = AnalyticsParameters.integer("baseline_days", baselineDays, 7, 1, 30);
      if (Duration.between(start, end).compareTo(Duration.ofDays(1)) > 0) {
        throw new BadParameterException(
            "from", "a current window over 1 day needs baseline_from/baseline_to");
      }
      baseline =
          new RepeatingWindow(
              new TimeWindow(start.minus(days, ChronoUnit.DAYS), end.minus(days, ChronoUnit.DAYS)),
              Duration.ofDays(1),
              days);
    }
    return drift.drift(
        new DriftService.DriftQuery(
            subject,
            described,
            new TimeWindow(start, end),
            baseline,
            AnalyticsParameters.integer("min_samples", minSamples, 50, 10, 100_000),
            AnalyticsParameters.number("alpha", alpha, 0.01, 0, 0.5),
            AnalyticsParameters.number("min_change", minChange, 0.1, 0, 10),
            AnalyticsParameters.integer("max_samples", maxSamples, 2000, 100, 50_000),
            AnalyticsParameters.number("score_min_change", scoreMinChange, 0.05, 0, 10)));
  }

  @GET
  @Path("/swaps")
  @Operation(
      summary = "Silent model swaps",
      description =
          "For each request model, the minutes in [from, to) at which a new response model or system fingerprint"
              + " started answering it, with latency, cost per call, output tokens per call and error rate over"
              + " `window` before and after.")
  @APIResponse(
      responseCode = "200",
      description = "swaps, oldest first",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "a dated model change",
                      value =
                          "{\"from\":\"2026-11-27T00:00:00Z\",\"to\":\"2026-11-28T00:00:00Z\",\"comparisonWindowSeconds\":3600,"
                              + "\"swaps\":[{\"provider\":\"openai\",\"requestModel\":\"gpt-4o\",\"at\":\"2026-11-27T14:07:00Z\","
                              + "\"kind\":\"response_model\",\"fromResponseModel\":\"gpt-4o-2024-08-06\",\"fromSystemFingerprint\":"
                              + "\"fp_a\",\"toResponseModel\":\"gpt-4o-2024-11-20\",\"toSystemFingerprint\":\"fp_b\",\"before\":"
                              + "{\"calls\":610,\"latencyP50Ms\":820.0,\"latencyP95Ms\":1900.0,\"costPerCallUsd\":0.0051,"
                              + "\"outputTokensPerCall\":180.0,\"errorRate\":0.0},\"after\":{\"calls\":598,\"latencyP50Ms\":640.0,"
                              + "\"latencyP95Ms\":1500.0,\"costPerCallUsd\":0.0062,\"outputTokensPerCall\":260.0,\"errorRate\":0.0}}]}")))
  @APIResponse(
      responseCode = "400",
      description = "a parameter is invalid; the message names it",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "bad window",
                      value =
                          "{\"error\":\"bad_parameter\",\"message\":\"window: must be whole minutes from 1m to 1d\"}")))
  public SwapsResponse swaps(
      @Parameter(description = "ISO-8601 instant; default: `to` minus 24 h") @QueryParam("from")
          String from,
      @Parameter(description = "ISO-8601 instant, exclusive; default: now") @QueryParam("to")
          String to,
      @Parameter(description = "only this request model", example = "gpt-4o") @QueryParam("model")
          String model,
      @Parameter(description = "only this provider") @QueryParam("provider") String provider,
      @Parameter(
              description = "before/after comparison window, 1m to 1d; default 1h",
              example = "1h")
          @QueryParam("window")
          String window) {
    Instant end = Parameters.instant("to", to, Instant.now());
    Instant start = Parameters.instant("from", from, end.minus(Duration.ofHours(24)));
    AnalyticsParameters.range(start, end);
    Duration w = AnalyticsParameters.duration("window", window, Duration.ofHours(1));
    if (w.compareTo(Duration.ofMinutes(1)) < 0
        || w.compareTo(Duration.ofDays(1)) > 0
        || w.getSeconds() % 60 != 0) {
      throw new BadParameterException("window", "must be whole minutes from 1m to 1d");
    }
    CallFilter filter =
        AnalyticsParameters.filter(null, provider, null, null, null, null, null)
            .withRequestModel(Parameters.filter("model", model));
    return swaps.swaps(start, end, filter, w);
  }

  private static void put(Map<String, String> map, String key, String value) {
    if (value != null) {
      map.put(key, value);
    }
  }
}
