package dev.boxscore.query.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.boxscore.storage.scores.Score;
import dev.boxscore.storage.scores.ScoreCategory;
import dev.boxscore.storage.scores.ScoreConfig;
import dev.boxscore.storage.scores.ScoreDataType;
import dev.boxscore.storage.scores.ScoreSource;
import dev.boxscore.storage.scores.ScoreTarget;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The body of {@code POST /api/v1/scores}: one score object, an array of them, or {@code {"scores":
 * [...]}}; every problem is a 400 naming the field ({@code scores[3].value: ...}).
 */
final class ScoreBody {
  static final int MAX_SCORES = 1000;
  private static final int MAX_TEXT = 10_000;
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:\\-]{1,200}");
  private static final Pattern TRACE_ID = Pattern.compile("[0-9a-fA-F]{32}");
  private static final Pattern SPAN_ID = Pattern.compile("[0-9a-fA-F]{16}");
  private static final Set<String> FIELDS =
      Set.of(
          "id",
          "traceId",
          "spanId",
          "sessionId",
          "responseId",
          "name",
          "value",
          "dataType",
          "comment",
          "source",
          "author",
          "configId",
          "timestamp");

  private ScoreBody() {}

  /**
   * The scores of the body, each with an id (generated where none was given).
   *
   * @param configs the project's score configs by id
   * @param defaultAuthor who made a score that names no author (the calling key)
   */
  static List<Score> parse(
      JsonNode body, Function<String, Optional<ScoreConfig>> configs, String defaultAuthor) {
    JsonNode array;
    String prefix;
    if (body != null && body.isArray()) {
      array = body;
      prefix = "";
    } else if (body != null && body.isObject() && body.has("scores") && body.size() == 1) {
      array = body.get("scores");
      prefix = "scores";
      if (!array.isArray()) {
        throw new BadParameterException("scores", "must be an array of scores");
      }
    } else if (body != null && body.isObject()) {
      return List.of(one(body, "", configs, defaultAuthor, Instant.now()));
    } else {
      throw new BadParameterException(
          "body", "a score object, an array of scores or {\"scores\": [...]} is required");
    }
    if (array.isEmpty() || array.size() > MAX_SCORES) {
      throw new BadParameterException(
          prefix.isEmpty() ? "body" : prefix, "must hold 1 to " + MAX_SCORES + " scores");
    }
    Instant now = Instant.now();
    List<Score> out = new ArrayList<>(array.size());
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < array.size(); i++) {
      String at = prefix + "[" + i + "]";
      Score s = one(array.get(i), at + ".", configs, defaultAuthor, now);
      Integer earlier = seen.putIfAbsent(s.id(), i);
      if (earlier != null) {
        throw new BadParameterException(
            at + ".id", "repeats the id of " + prefix + "[" + earlier + "] in the same request");
      }
      out.add(s);
    }
    return out;
  }

  private static Score one(
      JsonNode node,
      String at,
      Function<String, Optional<ScoreConfig>> configs,
      String defaultAuthor,
      Instant now) {
    if (node == null || !node.isObject()) {
      throw new BadParameterException(
          at.isEmpty() ? "body" : at.substring(0, at.length() - 1), "must be a score object");
    }
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String field = names.next();
      if (!FIELDS.contains(field)) {
        throw new BadParameterException(
            at + field, "is not a field of a score (" + String.join(", ", sorted()) + ")");
      }
    }
    String id = text(node, at, "id", 200);
    if (id == null) {
      id = "s_" + UUID.randomUUID().toString().replace("-", "");
    } else if (!ID.matcher(id).matches()) {
      throw new BadParameterException(
          at + "id", "must be 1 to 200 letters, digits or . _ : - (your idempotency key)");
    }
    String traceId = text(node, at, "traceId", 32);
    if (traceId != null && !TRACE_ID.matcher(traceId).matches()) {
      throw new BadParameterException(at + "traceId", "must be 32 hexadecimal digits");
    }
    String spanId = text(node, at, "spanId", 16);
    if (spanId != null && !SPAN_ID.matcher(spanId).matches()) {
      throw new BadParameterException(at + "spanId", "must be 16 hexadecimal digits");
    }
    String sessionId = text(node, at, "sessionId", 200);
    String responseId = text(node, at, "responseId", 200);
    if (spanId != null && traceId == null) {
      throw new BadParameterException(at + "spanId", "needs the traceId of its trace");
    }
    if (traceId == null && sessionId == null && responseId == null) {
      throw new BadParameterException(
          at + "traceId",
          "a score needs a target: traceId (with spanId for one call), sessionId, or responseId");
    }
    ScoreTarget target =
        spanId != null || (traceId == null && responseId != null)
            ? ScoreTarget.SPAN
            : traceId != null ? ScoreTarget.TRACE : ScoreTarget.SESSION;

    String configId = text(node, at, "configId", 200);
    ScoreConfig config = null;
    if (configId != null) {
      config =
          configs
              .apply(configId)
              .orElseThrow(
                  () -> new BadParameterException(at + "configId", "no such score config"));
      if (config.archived()) {
        throw new BadParameterException(at + "configId", "the score config is archived");
      }
    }
    String name = text(node, at, "name", 200);
    if (name == null && config != null) {
      name = config.name();
    }
    if (name == null || name.isBlank()) {
      throw new BadParameterException(at + "name", "is required (1 to 200 characters)");
    }
    if (config != null && !config.name().equals(name)) {
      throw new BadParameterException(
          at + "name", "must be the config's name \"" + config.name() + "\"");
    }

    JsonNode value = node.get("value");
    String dataTypeText = text(node, at, "dataType", 20);
    ScoreDataType dataType;
    if (dataTypeText != null) {
      dataType =
          ScoreDataType.fromApiName(dataTypeText.toLowerCase(Locale.ROOT))
              .orElseThrow(
                  () ->
                      new BadParameterException(
                          at + "dataType", "must be numeric, boolean, categorical or text"));
    } else if (config != null) {
      dataType = config.dataType();
    } else if (value != null && value.isBoolean()) {
      dataType = ScoreDataType.BOOLEAN;
    } else if (value != null && value.isTextual()) {
      dataType = ScoreDataType.CATEGORICAL;
    } else {
      dataType = ScoreDataType.NUMERIC;
    }
    if (config != null && config.dataType() != dataType) {
      throw new BadParameterException(
          at + "dataType", "must be the config's type " + config.dataType().apiName());
    }
    if (value == null || value.isNull()) {
      throw new BadParameterException(at + "value", "is required");
    }
    Double number;
    String label;
    switch (dataType) {
      case NUMERIC -> {
        if (!value.isNumber() || !Double.isFinite(value.asDouble())) {
          throw new BadParameterException(
              at + "value", "must be a finite number for a numeric score");
        }
        number = value.asDouble();
        label = "";
        if (config != null
            && ((config.min() != null && number < config.min())
                || (config.max() != null && number > config.max()))) {
          throw new BadParameterException(
              at + "value",
              "must lie within the config's range [" + config.min() + ", " + config.max() + "]");
        }
      }
      case BOOLEAN -> {
        boolean b;
        if (value.isBoolean()) {
          b = value.asBoolean();
        } else if (value.isNumber() && (value.asDouble() == 0 || value.asDouble() == 1)) {
          b = value.asDouble() == 1;
        } else {
          throw new BadParameterException(at + "value", "must be true or false (or 1 or 0)");
        }
        number = b ? 1.0 : 0.0;
        label = b ? "true" : "false";
      }
      case CATEGORICAL -> {
        if (!value.isTextual() || value.asText().isBlank() || value.asText().length() > 200) {
          throw new BadParameterException(
              at + "value", "must be a category label of 1 to 200 characters");
        }
        label = value.asText();
        number = null;
        if (config != null && !config.categories().isEmpty()) {
          final String wanted = label;
          ScoreConfig categorical = config;
          ScoreCategory category =
              categorical.categories().stream()
                  .filter(c -> c.label().equals(wanted))
                  .findFirst()
                  .orElseThrow(
                      () ->
                          new BadParameterException(
                              at + "value",
                              "must be one of the config's categories "
                                  + categorical.categories().stream()
                                      .map(ScoreCategory::label)
                                      .toList()));
          number = category.value();
        }
      }
      default -> {
        if (!value.isTextual() || value.asText().length() > MAX_TEXT) {
          throw new BadParameterException(
              at + "value", "must be a text of at most " + MAX_TEXT + " characters");
        }
        label = value.asText();
        number = null;
      }
    }
    String comment = text(node, at, "comment", MAX_TEXT);
    String sourceText = text(node, at, "source", 20);
    ScoreSource source = ScoreSource.API;
    if (sourceText != null) {
      source =
          ScoreSource.fromApiName(sourceText)
              .filter(s -> s == ScoreSource.API || s == ScoreSource.ANNOTATION)
              .orElseThrow(
                  () ->
                      new BadParameterException(
                          at + "source",
                          "must be api or annotation (otel and llm_judge scores are recorded by"
                              + " Boxscore itself)"));
    }
    String author = text(node, at, "author", 200);
    Instant time = now;
    String timestamp = text(node, at, "timestamp", 64);
    if (timestamp != null) {
      try {
        time = Instant.parse(timestamp);
      } catch (DateTimeParseException e) {
        throw new BadParameterException(
            at + "timestamp", "must be an ISO-8601 instant such as 2026-12-07T10:15:30Z");
      }
      if (time.isAfter(now.plus(Duration.ofDays(1)))) {
        throw new BadParameterException(at + "timestamp", "lies more than a day in the future");
      }
    }
    return new Score(
        id,
        target,
        traceId == null ? "" : traceId.toLowerCase(Locale.ROOT),
        spanId == null ? "" : spanId.toLowerCase(Locale.ROOT),
        sessionId == null ? "" : sessionId,
        responseId == null ? "" : responseId,
        name,
        dataType,
        number,
        label,
        comment == null ? "" : comment,
        source,
        author == null ? defaultAuthor : author,
        configId == null ? "" : configId,
        time,
        null);
  }

  private static List<String> sorted() {
    return FIELDS.stream().sorted().toList();
  }

  /** A text field, null when absent; a 400 when not a text or too long. */
  private static String text(JsonNode node, String at, String field, int max) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw new BadParameterException(at + field, "must be a text");
    }
    String s = v.asText();
    if (s.isEmpty() || s.length() > max) {
      throw new BadParameterException(at + field, "must be 1 to " + max + " characters");
    }
    return s;
  }
}
