package dev.boxscore.query.rest;

import dev.boxscore.model.pricing.ModelPrice;
import dev.boxscore.query.api.PricePreviewResponse;
import dev.boxscore.query.api.PriceRequest;
import dev.boxscore.query.api.PriceResponse;
import dev.boxscore.query.api.PricesResponse;
import dev.boxscore.query.mapping.PriceApiMapper;
import dev.boxscore.query.service.PricingService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The prices the caller's project is costed with. Project prices are looked up before the built-in
 * catalog and apply from their effective day on; since cost is computed at query time, adding or
 * correcting a price re-prices the history it covers at once (through another query process, within
 * {@code BOXSCORE_QUERY_PRICE_CACHE_TTL}).
 */
@Path("/api/v1/prices")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "prices")
@SecurityRequirement(name = "apiKey")
public class PricesResource {
  private static final String PRICE_EXAMPLE =
      "{\"provider\":\"openai\",\"model\":\"gpt-4o\",\"anyProvider\":true,\"input\":2.0,\"output\":8.0,"
          + "\"cacheRead\":0.5,\"effectiveFrom\":\"2026-12-01\",\"source\":\"negotiated rate\"}";

  private final PricingService pricing;
  private final Caller caller;

  PricesResource(PricingService pricing, Caller caller) {
    this.pricing = pricing;
    this.caller = caller;
  }

  @GET
  @Operation(
      summary = "Prices in effect",
      description = "The project's own prices and the built-in catalog.")
  @APIResponse(
      responseCode = "200",
      description = "both lists",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "prices",
                      value =
                          "{\"project\":[{\"origin\":\"project\",\"provider\":\"openai\",\"model\":\"gpt-4o\","
                              + "\"anyProvider\":true,\"input\":2.0,\"output\":8.0,\"cacheRead\":0.5,\"cacheWrite\":null,"
                              + "\"reasoning\":null,\"effectiveFrom\":\"2026-12-01\",\"source\":\"negotiated rate\"}],"
                              + "\"builtIn\":[{\"origin\":\"built-in\",\"provider\":\"openai\",\"model\":\"gpt-4o\","
                              + "\"anyProvider\":true,\"input\":2.5,\"output\":10.0,\"cacheRead\":1.25,\"cacheWrite\":null,"
                              + "\"reasoning\":null,\"effectiveFrom\":\"2024-05-13\",\"source\":\"openai.com/api/pricing\"}]}")))
  public PricesResponse list() {
    return new PricesResponse(
        pricing.projectPrices().stream()
            .map(p -> PriceApiMapper.price(PriceApiMapper.PROJECT, p))
            .toList(),
        pricing.builtInPrices().stream()
            .map(p -> PriceApiMapper.price(PriceApiMapper.BUILT_IN, p))
            .toList());
  }

  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Add or replace a project price",
      description =
          "USD per 1M tokens. The same provider, model and effectiveFrom replaces the earlier entry. `model` is a"
              + " family pattern: dated and provider-prefixed ids of the family match it.")
  @RequestBody(
      content =
          @Content(
              mediaType = "application/json",
              examples = @ExampleObject(name = "negotiated gpt-4o", value = PRICE_EXAMPLE)))
  @APIResponse(
      responseCode = "200",
      description = "the stored price",
      content =
          @Content(
              mediaType = "application/json",
              examples = @ExampleObject(name = "stored", value = PRICE_EXAMPLE)))
  @APIResponse(responseCode = "403", description = "the key is not an admin key")
  @APIResponse(
      responseCode = "400",
      description = "a field is invalid; the message names it",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "negative",
                      value =
                          "{\"error\":\"bad_parameter\",\"message\":\"input: must be between 0 and 1000000 USD per 1M"
                              + " tokens\"}")))
  public PriceResponse put(PriceRequest body) {
    requireAdmin();
    ModelPrice price = price(body);
    pricing.put(price);
    return PriceApiMapper.price(PriceApiMapper.PROJECT, price);
  }

  /** The price a PUT or preview body describes; 400 naming the field that is wrong. */
  private static ModelPrice price(PriceRequest body) {
    if (body == null) {
      throw new BadParameterException("body", "a JSON price is required");
    }
    ModelPrice price =
        new ModelPrice(
            name("provider", body.provider()).toLowerCase(Locale.ROOT),
            name("model", body.model()),
            body.anyProvider() != null && body.anyProvider(),
            AnalyticsParameters.price("input", body.input(), true),
            AnalyticsParameters.price("output", body.output(), true),
            AnalyticsParameters.price("cacheRead", body.cacheRead(), false),
            AnalyticsParameters.price("cacheWrite", body.cacheWrite(), false),
            AnalyticsParameters.price("reasoning", body.reasoning(), false),
            AnalyticsParameters.date("effectiveFrom", body.effectiveFrom()),
            body.source() == null ? "" : body.source());
    if (price.source().length() > 512) {
      throw new BadParameterException("source", "must be at most 512 characters");
    }
    return price;
  }

  @POST
  @Path("/preview")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "What a price change would do to the last 30 days",
      description =
          "The same body as PUT; nothing is stored. Answers the calls of the last 30 days the price"
              + " would apply to, and their cost now and with it.")
  @RequestBody(
      content =
          @Content(
              mediaType = "application/json",
              examples = @ExampleObject(name = "negotiated gpt-4o", value = PRICE_EXAMPLE)))
  @APIResponse(
      responseCode = "200",
      description = "the cost before and after",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "cheaper",
                      value =
                          "{\"from\":\"2026-10-29T10:00:00Z\",\"to\":\"2026-11-28T10:00:00Z\",\"calls\":1234,"
                              + "\"currentCostUsd\":12.5,\"newCostUsd\":10.0,\"changeUsd\":-2.5}")))
  @APIResponse(responseCode = "403", description = "the key is not an admin key")
  @APIResponse(
      responseCode = "400",
      description = "a field is invalid; the message names it",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "negative",
                      value =
                          "{\"error\":\"bad_parameter\",\"message\":\"input: must be between 0 and 1000000 USD per 1M"
                              + " tokens\"}")))
  public PricePreviewResponse preview(PriceRequest body) {
    requireAdmin();
    ModelPrice price = price(body);
    Instant to = Instant.now();
    return pricing.preview(price, to.minus(Duration.ofDays(30)), to);
  }

  @DELETE
  @Operation(summary = "Remove a project price")
  @APIResponse(responseCode = "204", description = "removed")
  @APIResponse(
      responseCode = "404",
      description = "no such project price",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "missing",
                      value =
                          "{\"error\":\"not_found\",\"message\":\"no project price openai gpt-4o 2026-12-01\"}")))
  @APIResponse(
      responseCode = "400",
      description = "a parameter is invalid; the message names it",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "bad date",
                      value =
                          "{\"error\":\"bad_parameter\",\"message\":\"effective_from: must be a date YYYY-MM-DD\"}")))
  public Response delete(
      @Parameter(description = "provider", required = true, example = "openai")
          @QueryParam("provider")
          String provider,
      @Parameter(description = "model pattern", required = true, example = "gpt-4o")
          @QueryParam("model")
          String model,
      @Parameter(description = "effective day", required = true, example = "2026-12-01")
          @QueryParam("effective_from")
          String effectiveFrom) {
    requireAdmin();
    String p = name("provider", provider).toLowerCase(Locale.ROOT);
    String m = name("model", model);
    LocalDate day = AnalyticsParameters.date("effective_from", effectiveFrom);
    if (!pricing.delete(p, m, day)) {
      throw new NotFoundException("no project price " + p + " " + m + " " + day);
    }
    return Response.noContent().build();
  }

  /** Prices change every cost the project sees: only an admin key may change them. */
  private void requireAdmin() {
    caller.requireAdmin("changing prices");
  }

  private static String name(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new BadParameterException(field, "is required");
    }
    if (value.length() > 200) {
      throw new BadParameterException(field, "must be at most 200 characters");
    }
    return value.strip();
  }
}
