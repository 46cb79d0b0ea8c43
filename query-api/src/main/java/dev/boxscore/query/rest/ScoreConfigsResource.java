package dev.boxscore.query.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.boxscore.query.api.ScoreConfigListResponse;
import dev.boxscore.query.api.ScoreConfigResponse;
import dev.boxscore.query.mapping.ScoreApiMapper;
import dev.boxscore.query.service.scores.ScoreService;
import dev.boxscore.storage.scores.ScoreCategory;
import dev.boxscore.storage.scores.ScoreConfig;
import dev.boxscore.storage.scores.ScoreDataType;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Score configs: what a score name means (range, categories). Read with a read key, created and
 * archived with an admin key; never deleted or changed otherwise, so stored scores keep their
 * meaning.
 */
@Path("/api/v1/score-configs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "scores")
@SecurityRequirement(name = "apiKey")
public class ScoreConfigsResource {
  private static final String CONFIG_EXAMPLE =
      "{\"id\":\"cfg_5d1e2a7c9b3f4e60\",\"name\":\"resolution\",\"dataType\":\"categorical\","
          + "\"categories\":[{\"label\":\"resolved\",\"value\":1},{\"label\":\"escalated\",\"value\":0}],"
          + "\"description\":\"how the conversation ended\",\"archived\":false,"
          + "\"createdAt\":\"2026-12-01T09:00:00Z\"}";
  private static final Set<String> FIELDS =
      Set.of("name", "dataType", "min", "max", "categories", "description");

  private final ScoreService scores;
  private final Caller caller;

  ScoreConfigsResource(ScoreService scores, Caller caller) {
    this.scores = scores;
    this.caller = caller;
  }

  @GET
  @Operation(summary = "The project's score configs, archived ones last")
  @APIResponse(
      responseCode = "200",
      description = "the configs",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "configs",
                      value = "{\"configs\":[" + CONFIG_EXAMPLE + "]}")))
  public ScoreConfigListResponse list() {
    return scores.configList();
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Create a score config",
      description =
          "dataType numeric (optional min/max), boolean, categorical (categories: labels with the"
              + " number each stands for) or text. A name may have one active config; the same"
              + " config sent again answers 200 with the stored one.")
  @RequestBody(
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "categorical",
                      value =
                          "{\"name\":\"resolution\",\"dataType\":\"categorical\",\"categories\":"
                              + "[{\"label\":\"resolved\",\"value\":1},{\"label\":\"escalated\",\"value\":0}],"
                              + "\"description\":\"how the conversation ended\"}")))
  @APIResponse(
      responseCode = "201",
      description = "the config as stored",
      content =
          @Content(
              mediaType = "application/json",
              examples = @ExampleObject(name = "created", value = CONFIG_EXAMPLE)))
  @APIResponse(responseCode = "403", description = "the key is not an admin key")
  @APIResponse(
      responseCode = "400",
      description = "a field is invalid; the message names it",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "bad range",
                      value =
                          "{\"error\":\"bad_parameter\",\"message\":\"max: must be greater than min\"}")))
  public Response create(JsonNode body) {
    caller.requireAdmin("creating a score config");
    if (body == null || !body.isObject()) {
      throw new BadParameterException("body", "a JSON object with name and dataType is required");
    }
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      String field = names.next();
      if (!FIELDS.contains(field)) {
        throw new BadParameterException(
            field,
            "is not a field of a score config ("
                + String.join(", ", FIELDS.stream().sorted().toList())
                + ")");
      }
    }
    String name = text(body, "name", 200, true);
    ScoreDataType type =
        ScoreDataType.fromApiName(text(body, "dataType", 20, true).toLowerCase(Locale.ROOT))
            .orElseThrow(
                () ->
                    new BadParameterException(
                        "dataType", "must be numeric, boolean, categorical or text"));
    Double min = number(body, "min");
    Double max = number(body, "max");
    if ((min != null || max != null) && type != ScoreDataType.NUMERIC) {
      throw new BadParameterException(
          min != null ? "min" : "max", "only a numeric score has a range");
    }
    if (min != null && max != null && max <= min) {
      throw new BadParameterException("max", "must be greater than min");
    }
    List<ScoreCategory> categories = new ArrayList<>();
    JsonNode cats = body.get("categories");
    if (cats != null && !cats.isNull()) {
      if (type != ScoreDataType.CATEGORICAL) {
        throw new BadParameterException("categories", "only a categorical score has categories");
      }
      if (!cats.isArray() || cats.isEmpty() || cats.size() > 100) {
        throw new BadParameterException("categories", "must be an array of 1 to 100 categories");
      }
      Set<String> labels = new HashSet<>();
      for (int i = 0; i < cats.size(); i++) {
        JsonNode c = cats.get(i);
        String at = "categories[" + i + "]";
        if (!c.isObject()
            || !c.path("label").isTextual()
            || c.path("label").asText().isBlank()
            || c.path("label").asText().length() > 200) {
          throw new BadParameterException(at + ".label", "must be a text of 1 to 200 characters");
        }
        if (!c.path("value").isNumber() || !Double.isFinite(c.path("value").asDouble())) {
          throw new BadParameterException(at + ".value", "must be a number");
        }
        if (!labels.add(c.get("label").asText())) {
          throw new BadParameterException(at + ".label", "repeats an earlier category");
        }
        categories.add(new ScoreCategory(c.get("label").asText(), c.get("value").asDouble()));
      }
    } else if (type == ScoreDataType.CATEGORICAL) {
      throw new BadParameterException("categories", "a categorical config needs its categories");
    }
    String description = text(body, "description", 1000, false);
    for (ScoreConfig existing : scores.configs()) {
      if (!existing.archived() && existing.name().equals(name)) {
        // The same config sent again (configuration as code) is answered, not refused.
        if (existing.dataType() == type
            && java.util.Objects.equals(existing.min(), min)
            && java.util.Objects.equals(existing.max(), max)
            && existing.categories().equals(categories)
            && existing.description().equals(description == null ? "" : description)) {
          return Response.ok(ScoreApiMapper.config(existing)).build();
        }
        throw new BadParameterException(
            "name", "has another active config already (" + existing.id() + "); archive it first");
      }
    }
    ScoreConfig config =
        new ScoreConfig(
            "cfg_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16),
            name,
            type,
            min,
            max,
            categories,
            description == null ? "" : description,
            false,
            Instant.now());
    return Response.status(Response.Status.CREATED).entity(scores.saveConfig(config)).build();
  }

  @PUT
  @Path("/{configId}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Archive or restore a score config",
      description = "Body {\"archived\": true|false}; the rest of a config never changes.")
  @RequestBody(
      content =
          @Content(
              mediaType = "application/json",
              examples = @ExampleObject(name = "archive", value = "{\"archived\":true}")))
  @APIResponse(
      responseCode = "200",
      description = "the config as stored",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "archived",
                      value =
                          "{\"id\":\"cfg_5d1e2a7c9b3f4e60\",\"name\":\"resolution\",\"archived\":true}")))
  @APIResponse(responseCode = "404", description = "no such config in the project")
  @APIResponse(responseCode = "403", description = "the key is not an admin key")
  public ScoreConfigResponse archive(@PathParam("configId") String configId, JsonNode body) {
    caller.requireAdmin("archiving a score config");
    if (body == null
        || !body.isObject()
        || body.size() != 1
        || !body.has("archived")
        || !body.get("archived").isBoolean()) {
      throw new BadParameterException("archived", "the body must be {\"archived\": true|false}");
    }
    ScoreConfig c =
        scores
            .config(configId)
            .orElseThrow(() -> new NotFoundException("no score config " + configId));
    boolean archived = body.get("archived").asBoolean();
    if (!archived) {
      for (ScoreConfig other : scores.configs()) {
        if (!other.archived() && other.name().equals(c.name()) && !other.id().equals(c.id())) {
          throw new BadParameterException(
              "archived", "another active config has the name " + c.name());
        }
      }
    }
    return scores.saveConfig(
        new ScoreConfig(
            c.id(),
            c.name(),
            c.dataType(),
            c.min(),
            c.max(),
            c.categories(),
            c.description(),
            archived,
            c.createdAt()));
  }

  private static String text(JsonNode body, String field, int max, boolean required) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      if (required) {
        throw new BadParameterException(field, "is required");
      }
      return null;
    }
    if (!v.isTextual() || v.asText().isBlank() || v.asText().length() > max) {
      throw new BadParameterException(field, "must be a text of 1 to " + max + " characters");
    }
    return v.asText().strip();
  }

  private static Double number(JsonNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
      throw new BadParameterException(field, "must be a number");
    }
    return v.asDouble();
  }
}
