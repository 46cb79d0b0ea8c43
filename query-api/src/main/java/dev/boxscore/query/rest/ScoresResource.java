package dev.boxscore.query.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.boxscore.query.api.ScoreListResponse;
import dev.boxscore.query.api.ScoresWrittenResponse;
import dev.boxscore.query.service.scores.ScoreService;
import dev.boxscore.storage.scores.ScoreDataType;
import dev.boxscore.storage.scores.ScoreQuery;
import dev.boxscore.storage.scores.ScoreSource;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Scores: sent by code (any key that may ingest or read) and by people (feedback in the UI), read
 * with a read key.
 */
@Path("/api/v1/scores")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "scores")
@SecurityRequirement(name = "apiKey")
public class ScoresResource {
  static final String SCORE_EXAMPLE =
      "{\"id\":\"eval-7f3a-helpfulness\",\"target\":\"span\","
          + "\"traceId\":\"4bf92f3577b34da6a3ce929d0e0e4736\",\"spanId\":\"00f067aa0ba902b7\","
          + "\"name\":\"helpfulness\",\"dataType\":\"numeric\",\"value\":0.8,"
          + "\"comment\":\"answers the question, misses the refund window\",\"source\":\"api\","
          + "\"author\":\"nightly-evals\",\"timestamp\":\"2026-12-07T10:15:30Z\","
          + "\"call\":{\"start\":\"2026-12-07T10:15:02Z\",\"spanId\":\"00f067aa0ba902b7\","
          + "\"service\":\"checkout\",\"provider\":\"openai\",\"requestModel\":\"gpt-4o\","
          + "\"responseModel\":\"gpt-4o-2024-08-06\"}}";

  private final ScoreService scores;
  private final Caller caller;

  ScoresResource(ScoreService scores, Caller caller) {
    this.scores = scores;
    this.caller = caller;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Store scores",
      description =
          "One score, an array of up to 1,000, or {\"scores\": [...]}. A score targets one LLM call"
              + " (traceId + spanId, or responseId: its gen_ai.response.id), a whole trace (traceId;"
              + " attributed to the trace's last LLM call in analytics) or a session (sessionId)."
              + " value: a number (numeric), true/false (boolean), a label (categorical) or a text"
              + " (text); dataType is taken from the value or the config when left out. id is your"
              + " idempotency key: sending the same id again replaces the score, never adds one."
              + " configId checks the score against a score config (type, range, categories)."
              + " source: api (default) or annotation (a person's judgement). Keys that may ingest"
              + " or read may send scores.")
  @RequestBody(
      content =
          @Content(
              mediaType = "application/json",
              examples = {
                @ExampleObject(
                    name = "numeric score of a call",
                    value =
                        "{\"id\":\"eval-7f3a-helpfulness\",\"traceId\":\"4bf92f3577b34da6a3ce929d0e0e4736\","
                            + "\"spanId\":\"00f067aa0ba902b7\",\"name\":\"helpfulness\",\"value\":0.8,"
                            + "\"comment\":\"answers the question, misses the refund window\","
                            + "\"author\":\"nightly-evals\"}"),
                @ExampleObject(
                    name = "a batch: thumbs down on a trace, a category of a session",
                    value =
                        "[{\"traceId\":\"4bf92f3577b34da6a3ce929d0e0e4736\",\"name\":\"user_feedback\","
                            + "\"value\":false,\"comment\":\"wrong order number\",\"source\":\"annotation\"},"
                            + "{\"sessionId\":\"chat-2291\",\"name\":\"resolution\",\"value\":\"escalated\"}]")
              }))
  @APIResponse(
      responseCode = "200",
      description = "the ids stored, in order (generated where none was given)",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "stored",
                      value = "{\"stored\":1,\"ids\":[\"eval-7f3a-helpfulness\"]}")))
  @APIResponse(
      responseCode = "400",
      description =
          "a field is invalid; the message names it, and nothing of the request is stored",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "no target",
                      value =
                          "{\"error\":\"bad_parameter\",\"message\":\"[0].traceId: a score needs a"
                              + " target: traceId (with spanId for one call), sessionId, or responseId\"}")))
  public ScoresWrittenResponse write(JsonNode body) {
    String author =
        caller.principal().keyId() == null ? "key" : "key:" + caller.principal().keyId();
    return scores.write(ScoreBody.parse(body, scores::config, author));
  }

  @GET
  @Operation(
      summary = "List scores",
      description =
          "The project's scores, newest first (by the score's time), filtered by any of the"
              + " parameters. A score's call is null while the call it judges is not yet stored.")
  @APIResponse(
      responseCode = "200",
      description = "a page of scores",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "scores",
                      value = "{\"scores\":[" + SCORE_EXAMPLE + "],\"limit\":100,\"offset\":0}")))
  @APIResponse(
      responseCode = "400",
      description = "a parameter is invalid; the message names it",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "bad source",
                      value =
                          "{\"error\":\"bad_parameter\",\"message\":\"source: must be api, otel,"
                              + " llm_judge or annotation\"}")))
  public ScoreListResponse list(
      @Parameter(description = "ISO-8601 instant; default: `to` minus 7 days") @QueryParam("from")
          String from,
      @Parameter(description = "ISO-8601 instant, exclusive; default: now") @QueryParam("to")
          String to,
      @Parameter(description = "only this score name", example = "helpfulness") @QueryParam("name")
          String name,
      @Parameter(description = "api, otel, llm_judge or annotation") @QueryParam("source")
          String source,
      @Parameter(description = "numeric, boolean, categorical or text") @QueryParam("data_type")
          String dataType,
      @Parameter(description = "only this trace's scores") @QueryParam("trace_id") String traceId,
      @Parameter(description = "only this session's scores") @QueryParam("session") String session,
      @Parameter(description = "only scores of this end user's calls") @QueryParam("user")
          String user,
      @Parameter(description = "only scores of calls of this request or response model")
          @QueryParam("model")
          String model,
      @Parameter(description = "only scores of calls of this prompt version")
          @QueryParam("prompt_version")
          String promptVersion,
      @Parameter(description = "only scores made under this score config") @QueryParam("config_id")
          String configId,
      @Parameter(description = "1 to 1000; default 100") @QueryParam("limit") String limit,
      @Parameter(description = "scores to skip; default 0, at most 100000") @QueryParam("offset")
          String offset) {
    Instant end = Parameters.instant("to", to, Instant.now());
    Instant start = Parameters.instant("from", from, end.minus(Duration.ofDays(7)));
    if (!start.isBefore(end)) {
      throw new BadParameterException("from", "must be before to");
    }
    ScoreSource src =
        source == null || source.isBlank()
            ? null
            : ScoreSource.fromApiName(source.strip())
                .orElseThrow(
                    () ->
                        new BadParameterException(
                            "source", "must be api, otel, llm_judge or annotation"));
    ScoreDataType type =
        dataType == null || dataType.isBlank()
            ? null
            : ScoreDataType.fromApiName(dataType.strip())
                .orElseThrow(
                    () ->
                        new BadParameterException(
                            "data_type", "must be numeric, boolean, categorical or text"));
    String trace =
        traceId == null || traceId.isBlank() ? null : Parameters.traceId("trace_id", traceId);
    return scores.list(
        new ScoreQuery(
            start,
            end,
            Parameters.filter("name", name),
            src,
            type,
            trace,
            Parameters.filter("session", session),
            Parameters.filter("user", user),
            Parameters.filter("model", model),
            Parameters.filter("prompt_version", promptVersion),
            Parameters.filter("config_id", configId),
            Parameters.limit("limit", limit, 100, 1000),
            offset(offset)));
  }

  private static int offset(String value) {
    if (value == null || value.isBlank()) {
      return 0;
    }
    try {
      int n = Integer.parseInt(value.strip());
      if (n < 0 || n > 100_000) {
        throw new BadParameterException("offset", "must be between 0 and 100000, got " + n);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new BadParameterException(
          "offset", "must be a whole number, got \"" + Parameters.abbreviate(value) + "\"");
    }
  }
}
