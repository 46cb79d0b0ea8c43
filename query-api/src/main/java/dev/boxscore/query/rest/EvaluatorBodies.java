package dev.boxscore.query.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.boxscore.query.service.judge.EvaluatorSettings;
import dev.boxscore.storage.evaluators.Evaluator;
import dev.boxscore.storage.evaluators.EvaluatorFilter;
import dev.boxscore.storage.scores.ScoreDataType;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Evaluator bodies checked field by field; a 400 names the field ({@code filter.service}, {@code
 * categories[2]}, …). An update is the stored settings with the body's fields over them.
 */
final class EvaluatorBodies {
  private static final Set<String> FIELDS =
      Set.of(
          "name",
          "scoreName",
          "dataType",
          "categories",
          "template",
          "judgeKind",
          "baseUrl",
          "model",
          "apiKey",
          "filter",
          "samplingRate",
          "dailyBudgetUsd",
          "maxCallsPerMinute",
          "enabled");
  private static final Set<String> FILTER_FIELDS = Set.of("service", "model", "promptVersion");
  private static final int MAX_TEMPLATE = 20_000;

  private EvaluatorBodies() {}

  /** A new evaluator's settings. */
  static EvaluatorSettings create(JsonNode body) {
    checkFields(body);
    if (body.get("apiKey") == null) {
      throw new BadParameterException("apiKey", "is required: the judge endpoint's API key");
    }
    return settings(body);
  }

  /** {@code stored} changed by the body's fields; the API key is kept unless the body has one. */
  static EvaluatorSettings update(Evaluator stored, JsonNode body) {
    checkFields(body);
    ObjectNode merged = JsonNodeFactory.instance.objectNode();
    merged.put("name", stored.name());
    merged.put("scoreName", stored.scoreName());
    merged.put("dataType", stored.dataType().apiName());
    stored.categories().forEach(merged.putArray("categories")::add);
    merged.put("template", stored.template());
    merged.put("judgeKind", stored.judgeKind());
    merged.put("baseUrl", stored.baseUrl());
    merged.put("model", stored.model());
    ObjectNode filter = merged.putObject("filter");
    filter.put("service", stored.filter().service());
    filter.put("model", stored.filter().model());
    filter.put("promptVersion", stored.filter().promptVersion());
    merged.put("samplingRate", stored.samplingRate());
    merged.put("dailyBudgetUsd", stored.dailyBudgetUsd());
    merged.put("maxCallsPerMinute", stored.maxCallsPerMinute());
    merged.put("enabled", stored.enabled());
    if (body.has("dataType") && !body.has("categories")) {
      merged.remove("categories"); // a new type brings its own categories or none
    }
    merged.setAll((ObjectNode) body);
    return settings(merged);
  }

  private static void checkFields(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw new BadParameterException("body", "a JSON object with the evaluator's fields");
    }
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      String field = names.next();
      if (!FIELDS.contains(field)) {
        throw new BadParameterException(
            field, "is not a field of an evaluator " + new java.util.TreeSet<>(FIELDS));
      }
    }
  }

  private static EvaluatorSettings settings(JsonNode body) {
    String name = text(body, "name", 1, 100, null);
    String scoreName = text(body, "scoreName", 1, 100, name);
    String typeName = text(body, "dataType", 1, 20, "numeric");
    ScoreDataType type =
        ScoreDataType.fromApiName(typeName)
            .filter(t -> t != ScoreDataType.TEXT)
            .orElseThrow(
                () ->
                    new BadParameterException(
                        "dataType", "must be numeric, boolean or categorical, not " + typeName));
    List<String> categories = categories(body.get("categories"), type);
    String template = text(body, "template", 1, MAX_TEMPLATE, null);
    if (!template.contains("{{output}}")) {
      throw new BadParameterException(
          "template",
          "must contain {{output}} (the judged answer); {{input}} and {{model}} may be used too");
    }
    String kind = text(body, "judgeKind", 1, 20, null).toLowerCase(Locale.ROOT);
    if (!kind.equals("openai") && !kind.equals("anthropic")) {
      throw new BadParameterException(
          "judgeKind", "must be openai (chat completions) or anthropic (messages), not " + kind);
    }
    String baseUrl = text(body, "baseUrl", 1, 500, null);
    checkUrl(baseUrl);
    String model = text(body, "model", 1, 200, null);
    String apiKey = body.has("apiKey") ? text(body, "apiKey", 1, 1000, null) : null;
    EvaluatorFilter filter = filter(body.get("filter"));
    double rate = number(body, "samplingRate", 1.0);
    if (!(rate > 0 && rate <= 1)) {
      throw new BadParameterException(
          "samplingRate", "must be in (0, 1], the share of calls judged");
    }
    double budget = number(body, "dailyBudgetUsd", Double.NaN);
    if (Double.isNaN(budget)) {
      throw new BadParameterException(
          "dailyBudgetUsd", "is required: the judge's spend allowed per UTC day in USD");
    }
    if (!(budget > 0) || budget > 1_000_000) {
      throw new BadParameterException("dailyBudgetUsd", "must be a number of USD above 0");
    }
    JsonNode perMinute = body.get("maxCallsPerMinute");
    int max = 60;
    if (perMinute != null && !perMinute.isNull()) {
      if (!perMinute.canConvertToInt()
          || !perMinute.isIntegralNumber()
          || perMinute.asInt() < 1
          || perMinute.asInt() > 100_000) {
        throw new BadParameterException(
            "maxCallsPerMinute", "must be a whole number from 1 to 100000");
      }
      max = perMinute.asInt();
    }
    JsonNode enabled = body.get("enabled");
    if (enabled != null && !enabled.isNull() && !enabled.isBoolean()) {
      throw new BadParameterException("enabled", "must be true or false");
    }
    return new EvaluatorSettings(
        name,
        scoreName,
        type,
        categories,
        template,
        kind,
        baseUrl,
        model,
        apiKey,
        filter,
        rate,
        budget,
        max,
        enabled == null || enabled.isNull() || enabled.asBoolean());
  }

  private static String text(JsonNode body, String field, int min, int max, String fallback) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      if (fallback != null) {
        return fallback;
      }
      throw new BadParameterException(field, "is required");
    }
    if (!node.isTextual()) {
      throw new BadParameterException(field, "must be a text");
    }
    String value = node.asText().strip();
    if (value.length() < min || value.length() > max) {
      throw new BadParameterException(
          field, "must be a text of " + min + " to " + max + " characters");
    }
    return value;
  }

  private static double number(JsonNode body, String field, double fallback) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      return fallback;
    }
    if (!node.isNumber()) {
      throw new BadParameterException(field, "must be a number");
    }
    return node.asDouble();
  }

  private static List<String> categories(JsonNode node, ScoreDataType type) {
    boolean none = node == null || node.isNull() || (node.isArray() && node.isEmpty());
    if (type != ScoreDataType.CATEGORICAL) {
      if (!none) {
        throw new BadParameterException("categories", "are for a categorical dataType only");
      }
      return List.of();
    }
    if (none || !node.isArray()) {
      throw new BadParameterException(
          "categories", "a categorical evaluator needs a list of its labels");
    }
    if (node.size() > 50) {
      throw new BadParameterException("categories", "at most 50 labels");
    }
    List<String> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < node.size(); i++) {
      JsonNode c = node.get(i);
      String field = "categories[" + i + "]";
      if (!c.isTextual() || c.asText().isBlank() || c.asText().length() > 100) {
        throw new BadParameterException(field, "must be a label of 1 to 100 characters");
      }
      if (!seen.add(c.asText().strip().toLowerCase(Locale.ROOT))) {
        throw new BadParameterException(field, "repeats the label " + c.asText());
      }
      out.add(c.asText().strip());
    }
    return List.copyOf(out);
  }

  private static EvaluatorFilter filter(JsonNode node) {
    if (node == null || node.isNull()) {
      return EvaluatorFilter.ANY;
    }
    if (!node.isObject()) {
      throw new BadParameterException(
          "filter", "must be an object with service, model and/or promptVersion");
    }
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String field = names.next();
      if (!FILTER_FIELDS.contains(field)) {
        throw new BadParameterException(
            "filter." + field, "is not a filter field (service, model, promptVersion)");
      }
    }
    return new EvaluatorFilter(
        filterText(node, "service"), filterText(node, "model"), filterText(node, "promptVersion"));
  }

  private static String filterText(JsonNode filter, String field) {
    JsonNode node = filter.get(field);
    if (node == null || node.isNull()) {
      return "";
    }
    if (!node.isTextual() || node.asText().length() > 200) {
      throw new BadParameterException(
          "filter." + field, "must be a text of at most 200 characters");
    }
    return node.asText().strip();
  }

  private static void checkUrl(String url) {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new BadParameterException("baseUrl", "is not a URL: " + url);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
      throw new BadParameterException(
          "baseUrl", "must be an http(s) URL with a host, e.g. https://api.openai.com/v1");
    }
    if (uri.getQuery() != null || uri.getFragment() != null) {
      throw new BadParameterException("baseUrl", "must have no query or fragment");
    }
  }
}
