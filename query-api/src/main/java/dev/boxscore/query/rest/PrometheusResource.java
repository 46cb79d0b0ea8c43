package dev.boxscore.query.rest;

import dev.boxscore.query.mapping.PrometheusTextMapper;
import dev.boxscore.query.service.PrometheusService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The caller's project's LLM metrics in the Prometheus text format, for teams that alert with their
 * own Prometheus (which scrapes it with a key that may read).
 */
@Path("/api/v1/metrics/prometheus")
@Tag(name = "analytics")
@SecurityRequirement(name = "apiKey")
public class PrometheusResource {
  static final String EXAMPLE =
      """
      # HELP boxscore_llm_calls_total LLM calls. Cumulative over the stored aggregates (kept without expiry); \
      a drop in them reads as a counter reset.
      # TYPE boxscore_llm_calls_total counter
      boxscore_llm_calls_total{service="checkout",provider="openai",model="gpt-4o-2024-08-06"} 1200
      # HELP boxscore_llm_cost_usd_total Cost in USD, priced now with the project's prices ...
      # TYPE boxscore_llm_cost_usd_total counter
      boxscore_llm_cost_usd_total{service="checkout",provider="openai",model="gpt-4o-2024-08-06"} 6.15
      # HELP boxscore_llm_latency_seconds LLM call duration. ...
      # TYPE boxscore_llm_latency_seconds histogram
      boxscore_llm_latency_seconds_bucket{service="checkout",provider="openai",model="gpt-4o-2024-08-06",le="0.1"} 0
      boxscore_llm_latency_seconds_bucket{service="checkout",provider="openai",model="gpt-4o-2024-08-06",le="1"} 830
      boxscore_llm_latency_seconds_bucket{service="checkout",provider="openai",model="gpt-4o-2024-08-06",le="+Inf"} 1200
      boxscore_llm_latency_seconds_sum{service="checkout",provider="openai",model="gpt-4o-2024-08-06"} 1120.92
      boxscore_llm_latency_seconds_count{service="checkout",provider="openai",model="gpt-4o-2024-08-06"} 1200
      """;

  private final PrometheusService prometheus;

  PrometheusResource(PrometheusService prometheus) {
    this.prometheus = prometheus;
  }

  @GET
  @Produces(PrometheusTextMapper.CONTENT_TYPE)
  @Operation(
      summary = "LLM metrics for Prometheus",
      description =
          "The project's LLM metrics in the Prometheus text exposition format 0.0.4, per service, provider and"
              + " model (the response model, else the request model): boxscore_llm_calls_total,"
              + " boxscore_llm_errors_total, boxscore_llm_tokens_total{type=input|output|cache_read|cache_write|"
              + "reasoning}, boxscore_llm_cost_usd_total (priced as /api/v1/metrics prices it, with the"
              + " project's prices), boxscore_llm_unpriced_calls_total, and the histograms"
              + " boxscore_llm_latency_seconds and boxscore_llm_ttft_seconds (buckets 0.1 to 120 s). Counters"
              + " cover everything stored, not a window: scrape it and let Prometheus compute rates. The"
              + " counters come from the per-minute and per-hour aggregates (kept without expiry), the"
              + " histograms from the calls still within the project's retention.")
  @APIResponse(
      responseCode = "200",
      description = "the metrics, HELP and TYPE first, series ordered by service, provider, model",
      content =
          @Content(
              mediaType = PrometheusTextMapper.CONTENT_TYPE,
              examples = @ExampleObject(name = "one series (shortened)", value = EXAMPLE)))
  public Response scrape() {
    // Written as the format's documentation spells it (the framework would reorder the parameters).
    return Response.ok(prometheus.scrape())
        .header(HttpHeaders.CONTENT_TYPE, PrometheusTextMapper.CONTENT_TYPE)
        .build();
  }
}
