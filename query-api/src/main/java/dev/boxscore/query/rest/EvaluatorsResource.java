package dev.boxscore.query.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.boxscore.query.api.EvaluatorListResponse;
import dev.boxscore.query.api.EvaluatorResponse;
import dev.boxscore.query.service.judge.EvaluatorService;
import dev.boxscore.storage.evaluators.Evaluator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * LLM-as-judge evaluators: read with a read key, changed with an admin key. The judge's API key is
 * write-only ({@code apiKeySet} says one is stored).
 */
@Path("/api/v1/evaluators")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "evaluations")
@SecurityRequirement(name = "apiKey")
public class EvaluatorsResource {
  private static final String EVALUATOR_EXAMPLE =
      "{\"id\":\"eval_3f9a1c0d5e7b2a64\",\"name\":\"helpfulness judge\",\"scoreName\":\"helpfulness\","
          + "\"dataType\":\"numeric\",\"categories\":[],"
          + "\"template\":\"Rate from 0 to 1 how helpful the answer {{output}} is to {{input}}. Answer"
          + " {\\\"score\\\": x, \\\"explanation\\\": \\\"...\\\"}\","
          + "\"judgeKind\":\"openai\",\"baseUrl\":\"https://api.openai.com/v1\",\"model\":\"gpt-4o-mini\","
          + "\"apiKeySet\":true,\"filter\":{\"service\":\"support-bot\",\"model\":\"\",\"promptVersion\":\"\"},"
          + "\"samplingRate\":0.1,\"dailyBudgetUsd\":2.0,\"maxCallsPerMinute\":60,\"enabled\":true,"
          + "\"ingestKeyId\":\"key_7c1e0f3a9b2d4e58\",\"createdAt\":\"2026-12-07T09:05:00Z\","
          + "\"status\":{\"day\":\"2026-12-07\",\"judgedToday\":412,\"errorsToday\":3,"
          + "\"spendTodayUsd\":0.0618,\"budgetUsd\":2.0,\"paused\":null,"
          + "\"lastError\":\"HTTP 429: rate limited\",\"lastErrorAt\":\"2026-12-07T10:41:12Z\"}}";
  private static final String CREATE_EXAMPLE =
      "{\"name\":\"helpfulness judge\",\"scoreName\":\"helpfulness\",\"dataType\":\"numeric\","
          + "\"template\":\"Rate from 0 to 1 how helpful the answer {{output}} is to {{input}}. Answer"
          + " {\\\"score\\\": x, \\\"explanation\\\": \\\"...\\\"}\","
          + "\"judgeKind\":\"openai\",\"baseUrl\":\"https://api.openai.com/v1\",\"model\":\"gpt-4o-mini\","
          + "\"apiKey\":\"sk-...\",\"filter\":{\"service\":\"support-bot\"},\"samplingRate\":0.1,"
          + "\"dailyBudgetUsd\":2.0,\"maxCallsPerMinute\":60}";
  private static final String NOT_FOUND =
      "{\"error\":\"not_found\",\"message\":\"no evaluator eval_0000000000000000\"}";

  private final EvaluatorService evaluators;
  private final Caller caller;

  EvaluatorsResource(EvaluatorService evaluators, Caller caller) {
    this.evaluators = evaluators;
    this.caller = caller;
  }

  @GET
  @Operation(summary = "The project's LLM-as-judge evaluators, with today's status")
  @APIResponse(
      responseCode = "200",
      description = "the evaluators",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "evaluators",
                      value = "{\"evaluators\":[" + EVALUATOR_EXAMPLE + "]}")))
  public EvaluatorListResponse list() {
    return evaluators.list();
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Create an evaluator",
      description =
          "Judges a deterministic sample (samplingRate) of the project's newly stored calls matching"
              + " filter with an OpenAI- or Anthropic-compatible judge, and stores each answer as a"
              + " score (source llm_judge). The judge's own calls are exported to the collector"
              + " under service boxscore-judge with a project ingest key made for the evaluator.")
  @RequestBody(
      content =
          @Content(
              mediaType = "application/json",
              examples = @ExampleObject(name = "helpfulness", value = CREATE_EXAMPLE)))
  @APIResponse(
      responseCode = "201",
      description = "the evaluator as stored",
      content =
          @Content(
              mediaType = "application/json",
              examples = @ExampleObject(name = "created", value = EVALUATOR_EXAMPLE)))
  @APIResponse(responseCode = "403", description = "the key is not an admin key")
  @APIResponse(
      responseCode = "400",
      description = "a field is invalid; the message names it",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "bad rate",
                      value =
                          "{\"error\":\"bad_parameter\",\"message\":\"samplingRate: must be in (0, 1], the share of calls judged\"}")))
  public Response create(JsonNode body) {
    caller.requireAdmin("creating an evaluator");
    EvaluatorResponse created = evaluators.create(EvaluatorBodies.create(body));
    return Response.status(Response.Status.CREATED).entity(created).build();
  }

  @GET
  @Path("/{id}")
  @Operation(
      summary = "One evaluator with today's status (judged, spend against budget, pause, error)")
  @APIResponse(
      responseCode = "200",
      description = "the evaluator",
      content =
          @Content(
              mediaType = "application/json",
              examples = @ExampleObject(name = "evaluator", value = EVALUATOR_EXAMPLE)))
  @APIResponse(
      responseCode = "404",
      description = "the project has no such evaluator",
      content =
          @Content(
              mediaType = "application/json",
              examples = @ExampleObject(name = "unknown", value = NOT_FOUND)))
  public EvaluatorResponse get(@PathParam("id") String id) {
    return evaluators.find(id).orElseThrow(() -> notFound(id));
  }

  @PUT
  @Path("/{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Change an evaluator",
      description =
          "The body's fields replace the stored ones; the others are kept (the API key too unless"
              + " given). {\"enabled\": false} pauses it.")
  @APIResponse(
      responseCode = "200",
      description = "the evaluator as stored",
      content =
          @Content(
              mediaType = "application/json",
              examples = @ExampleObject(name = "changed", value = EVALUATOR_EXAMPLE)))
  @APIResponse(responseCode = "403", description = "the key is not an admin key")
  @APIResponse(
      responseCode = "400",
      description = "a field is invalid; the message names it",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "bad url",
                      value =
                          "{\"error\":\"bad_parameter\",\"message\":\"baseUrl: must be an http(s) URL with a host, e.g. https://api.openai.com/v1\"}")))
  @APIResponse(responseCode = "404", description = "the project has no such evaluator")
  public EvaluatorResponse update(@PathParam("id") String id, JsonNode body) {
    caller.requireAdmin("changing an evaluator");
    Evaluator stored = evaluators.stored(id).orElseThrow(() -> notFound(id));
    return evaluators
        .update(id, EvaluatorBodies.update(stored, body))
        .orElseThrow(() -> notFound(id));
  }

  @DELETE
  @Path("/{id}")
  @Operation(summary = "Delete an evaluator (its scores stay; its ingest key is revoked)")
  @APIResponse(responseCode = "204", description = "deleted")
  @APIResponse(responseCode = "403", description = "the key is not an admin key")
  @APIResponse(
      responseCode = "404",
      description = "the project has no such evaluator",
      content =
          @Content(
              mediaType = "application/json",
              examples = @ExampleObject(name = "unknown", value = NOT_FOUND)))
  public Response delete(@PathParam("id") String id) {
    caller.requireAdmin("deleting an evaluator");
    if (id.length() > 64 || !evaluators.delete(id)) {
      throw notFound(id);
    }
    return Response.noContent().build();
  }

  private static NotFoundException notFound(String id) {
    return new NotFoundException("no evaluator " + id);
  }
}
