package dev.boxscore.alerting.rule;

import static dev.boxscore.alerting.rule.JsonValues.absent;
import static dev.boxscore.alerting.rule.JsonValues.bool;
import static dev.boxscore.alerting.rule.JsonValues.cut;
import static dev.boxscore.alerting.rule.JsonValues.duration;
import static dev.boxscore.alerting.rule.JsonValues.finite;
import static dev.boxscore.alerting.rule.JsonValues.kindOf;
import static dev.boxscore.alerting.rule.JsonValues.quote;
import static dev.boxscore.alerting.rule.JsonValues.requireArray;
import static dev.boxscore.alerting.rule.JsonValues.requireObject;
import static dev.boxscore.alerting.rule.JsonValues.text;
import static dev.boxscore.alerting.rule.JsonValues.whole;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A rule's JSON in the API contract: read (with the contract's defaults and every check, failures
 * naming the field) and write. What {@link #write} gives, {@link #read} takes back, so the UI can
 * PUT a rule it has just fetched.
 */
public final class RuleJson {
  static final int MAX_NAME = 200;
  static final int MAX_VALUE = 1024;
  static final int MAX_CHANNELS = 20;
  static final Pattern CHANNEL_ID = Pattern.compile("chn_[a-z0-9]{1,40}");
  // alertname and rule_id are set on every alert; a rule's own would hide them. Names starting
  // with __ are reserved as in Prometheus.
  static final Set<String> RESERVED_LABELS = Set.of("alertname", "rule_id");

  private static final Set<RuleKind> ALL = EnumSet.allOf(RuleKind.class);
  private static final Set<RuleKind> THRESHOLD = EnumSet.of(RuleKind.THRESHOLD);
  private static final Set<RuleKind> DRIFT = EnumSet.of(RuleKind.DRIFT);
  private static final Set<RuleKind> BUDGET = EnumSet.of(RuleKind.BUDGET);

  /** Which kinds of rule each request field belongs to. */
  private static final Map<String, Set<RuleKind>> FIELDS = new LinkedHashMap<>();

  static {
    for (String f :
        List.of(
            "name",
            "kind",
            "enabled",
            "filter",
            "groupBy",
            "for",
            "keepFiringFor",
            "interval",
            "severity",
            "labels",
            "annotations",
            "channels")) {
      FIELDS.put(f, ALL);
    }
    FIELDS.put("metric", EnumSet.of(RuleKind.THRESHOLD, RuleKind.DRIFT, RuleKind.BUDGET));
    FIELDS.put("score", EnumSet.of(RuleKind.THRESHOLD, RuleKind.DRIFT));
    FIELDS.put("window", EnumSet.of(RuleKind.THRESHOLD, RuleKind.DRIFT, RuleKind.SWAP));
    // Drift rules have minSamples instead: a no-data gate on both windows.
    for (String f : List.of("threshold", "warnThreshold", "minCalls")) {
      FIELDS.put(f, THRESHOLD);
    }
    // A drift rule's direction: > (the default) a rise, < a fall (a score that dropped).
    FIELDS.put("op", EnumSet.of(RuleKind.THRESHOLD, RuleKind.DRIFT));
    for (String f : List.of("baselineDays", "alpha", "minChange", "minSamples")) {
      FIELDS.put(f, DRIFT);
    }
    for (String f : List.of("period", "timeZone", "amountUsd", "warnAtPercent")) {
      FIELDS.put(f, BUDGET);
    }
  }

  /** What the API adds to an answer; ignored in a request so an answer can be sent back. */
  private static final Set<String> RESPONSE_ONLY =
      Set.of(
          "id",
          "source",
          "readOnly",
          "version",
          "state",
          "firing",
          "pending",
          "lastEvaluatedAt",
          "lastError");

  private static final List<String> FILTER_FIELDS =
      List.of("service", "model", "provider", "promptVersion");

  private static final Duration MINUTE = Duration.ofMinutes(1);
  private static final Duration DAY = Duration.ofDays(1);
  static final Duration MIN_INTERVAL = Duration.ofSeconds(10);
  static final Duration MAX_INTERVAL = DAY;
  private static final ZoneId UTC = ZoneId.of("UTC");

  private RuleJson() {}

  /**
   * A rule from a request body, with the contract's defaults for its kind. The result has no id,
   * source {@code api} and version 0; the store assigns those ({@link AlertRule#withId}).
   *
   * @throws InvalidRuleException naming the first field that is wrong
   */
  public static AlertRule read(JsonNode body) {
    if (absent(body) || !body.isObject()) {
      throw new InvalidRuleException("body", "must be a JSON object, got " + kindOf(body));
    }
    // A misspelt field is named before anything else: its intended value may be what is missing.
    for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!FIELDS.containsKey(f) && !RESPONSE_ONLY.contains(f)) {
        throw new InvalidRuleException(cut(f), "not a rule field");
      }
    }
    String name = name(body.get("name"));
    RuleKind kind = kind(body.get("kind"));
    for (Map.Entry<String, Set<RuleKind>> f : FIELDS.entrySet()) {
      if (!f.getValue().contains(kind) && !absent(body.get(f.getKey()))) {
        throw new InvalidRuleException(f.getKey(), "only for " + kinds(f.getValue()) + " rules");
      }
    }

    JsonNode v;
    boolean enabled = absent(v = body.get("enabled")) || bool("enabled", v);
    RuleFilter filter = filter(body.get("filter"));
    Set<GroupDimension> groupBy = groupBy(body.get("groupBy"));
    Metric metric = metric(kind, body.get("metric"));
    String score = score(metric, body.get("score"));
    Duration window = window(kind, body.get("window"));

    Comparison op = kind == RuleKind.DRIFT && !absent(body.get("op")) ? op(body.get("op")) : null;
    Double threshold = null;
    Double warnThreshold = null;
    long minCalls = 1;
    if (kind == RuleKind.THRESHOLD) {
      op = op(body.get("op"));
      if (absent(v = body.get("threshold"))) {
        throw new InvalidRuleException("threshold", "required for threshold rules");
      }
      threshold = finite("threshold", v);
      if (!absent(v = body.get("warnThreshold"))) {
        warnThreshold = warnThreshold(finite("warnThreshold", v), op, threshold);
      }
      if (!absent(v = body.get("minCalls"))) {
        minCalls = whole("minCalls", v, 0, Long.MAX_VALUE);
      }
    }

    Duration forDuration = optional(body, "for", Duration.ZERO, Duration.ZERO, DAY);
    Duration keepFiringFor = optional(body, "keepFiringFor", Duration.ZERO, Duration.ZERO, DAY);
    Duration interval = optional(body, "interval", MINUTE, MIN_INTERVAL, MAX_INTERVAL);
    Severity severity = severity(body.get("severity"));
    Map<String, String> labels = labels("labels", body.get("labels"), true);
    Map<String, String> annotations = labels("annotations", body.get("annotations"), false);
    List<String> channels = channels(body.get("channels"));
    DriftSettings drift = kind == RuleKind.DRIFT ? drift(body) : null;
    BudgetSettings budget = kind == RuleKind.BUDGET ? budget(body) : null;

    return new AlertRule(
        null,
        name,
        kind,
        AlertRule.SOURCE_API,
        filter,
        groupBy,
        metric,
        score,
        window,
        op,
        threshold,
        warnThreshold,
        minCalls,
        forDuration,
        keepFiringFor,
        interval,
        severity,
        labels,
        annotations,
        channels,
        drift,
        budget,
        enabled,
        0);
  }

  /**
   * The contract's JSON of a rule: every field of its kind (null where unset), its id, source,
   * readOnly and version; not the evaluation state, which the caller adds.
   */
  public static ObjectNode write(AlertRule rule) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode o = f.objectNode();
    RuleKind kind = rule.kind();
    o.put("id", rule.id());
    o.put("name", rule.name());
    o.put("kind", kind.apiName());
    o.put("enabled", rule.enabled());
    ObjectNode filter = o.putObject("filter");
    filter.put("service", rule.filter().service());
    filter.put("model", rule.filter().model());
    filter.put("provider", rule.filter().provider());
    filter.put("promptVersion", rule.filter().promptVersion());
    ArrayNode groupBy = o.putArray("groupBy");
    // The record keeps a set; the enum's order makes the answer stable.
    for (GroupDimension d : GroupDimension.values()) {
      if (rule.groupBy().contains(d)) {
        groupBy.add(d.apiName());
      }
    }
    if (FIELDS.get("metric").contains(kind)) {
      o.put("metric", rule.metric() == null ? null : rule.metric().apiName());
    }
    if (rule.score() != null) {
      o.put("score", rule.score());
    }
    if (FIELDS.get("window").contains(kind)) {
      o.put("window", format(rule.window()));
    }
    if (kind == RuleKind.THRESHOLD) {
      o.put("op", rule.op() == null ? null : rule.op().symbol());
      o.set("threshold", number(rule.threshold()));
      o.set("warnThreshold", number(rule.warnThreshold()));
      o.put("minCalls", rule.minCalls());
    }
    o.put("for", format(rule.forDuration()));
    o.put("keepFiringFor", format(rule.keepFiringFor()));
    o.put("interval", format(rule.interval()));
    o.put("severity", rule.severity() == null ? null : rule.severity().apiName());
    ObjectNode labels = o.putObject("labels");
    new TreeMap<>(rule.labels()).forEach(labels::put);
    ObjectNode annotations = o.putObject("annotations");
    new TreeMap<>(rule.annotations()).forEach(annotations::put);
    ArrayNode channels = o.putArray("channels");
    rule.channels().forEach(channels::add);
    if (kind == RuleKind.DRIFT && rule.drift() != null) {
      DriftSettings d = rule.drift();
      o.put("baselineDays", d.baselineDays());
      o.set("alpha", number(d.alpha()));
      o.set("minChange", number(d.minChange()));
      o.put("minSamples", d.minSamples());
      if (rule.op() != null) {
        o.put("op", rule.op().symbol());
      }
    }
    if (kind == RuleKind.BUDGET && rule.budget() != null) {
      BudgetSettings b = rule.budget();
      o.put("period", b.period() == null ? null : b.period().apiName());
      o.put("timeZone", b.timeZone() == null ? null : b.timeZone().getId());
      o.set("amountUsd", amount(b.amountUsd()));
      o.set("warnAtPercent", number(b.warnAtPercent()));
    }
    o.put("source", rule.source());
    o.put("readOnly", AlertRule.SOURCE_FILE.equals(rule.source()));
    o.put("version", rule.version());
    return o;
  }

  /** A group's default interval in the rules file, checked like a rule's. */
  static Duration interval(String field, JsonNode n) {
    return duration(field, n, MIN_INTERVAL, MAX_INTERVAL);
  }

  private static String name(JsonNode n) {
    if (absent(n)) {
      throw new InvalidRuleException("name", "required");
    }
    String name = text("name", n, MAX_NAME);
    if (name.isBlank()) {
      throw new InvalidRuleException("name", "must not be blank");
    }
    return name;
  }

  private static RuleKind kind(JsonNode n) {
    String allowed = kinds(ALL);
    if (absent(n)) {
      throw new InvalidRuleException("kind", "required: one of " + allowed);
    }
    String s = text("kind", n);
    return RuleKind.fromApiName(s)
        .orElseThrow(
            () ->
                new InvalidRuleException(
                    "kind", "must be one of " + allowed + ", got " + quote(s)));
  }

  private static RuleFilter filter(JsonNode n) {
    if (absent(n)) {
      return RuleFilter.ANY;
    }
    requireObject("filter", n);
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!FILTER_FIELDS.contains(f)) {
        throw new InvalidRuleException("filter." + cut(f), "not a filter field");
      }
    }
    String[] values = new String[FILTER_FIELDS.size()];
    for (int i = 0; i < values.length; i++) {
      String field = "filter." + FILTER_FIELDS.get(i);
      JsonNode v = n.get(FILTER_FIELDS.get(i));
      if (!absent(v)) {
        values[i] = text(field, v, MAX_VALUE);
        if (values[i].isBlank()) {
          throw new InvalidRuleException(field, "must not be blank; leave it out for any");
        }
      }
    }
    return new RuleFilter(values[0], values[1], values[2], values[3]);
  }

  private static Set<GroupDimension> groupBy(JsonNode n) {
    if (absent(n)) {
      return Set.of();
    }
    requireArray("groupBy", n);
    Set<GroupDimension> dims = EnumSet.noneOf(GroupDimension.class);
    for (int i = 0; i < n.size(); i++) {
      String field = "groupBy[" + i + "]";
      String s = text(field, n.get(i));
      if (s.equals("user")) {
        throw new InvalidRuleException(field, "user is not recorded yet");
      }
      GroupDimension d =
          GroupDimension.fromApiName(s)
              .orElseThrow(
                  () ->
                      new InvalidRuleException(
                          field,
                          "must be one of "
                              + Arrays.stream(GroupDimension.values())
                                  .map(GroupDimension::apiName)
                                  .collect(Collectors.joining(", "))
                              + ", got "
                              + quote(s)));
      if (!dims.add(d)) {
        throw new InvalidRuleException(field, s + " is listed twice");
      }
    }
    return dims;
  }

  private static Metric metric(RuleKind kind, JsonNode n) {
    switch (kind) {
      case SWAP:
        return null;
      case BUDGET:
        // A budget is spend; the field is allowed so a written budget rule reads back.
        if (!absent(n) && !"cost_usd".equals(text("metric", n))) {
          throw new InvalidRuleException(
              "metric", "budget rules measure cost_usd, got " + quote(n.textValue()));
        }
        return Metric.COST_USD;
      default:
        break;
    }
    if (absent(n)) {
      throw new InvalidRuleException("metric", "required for " + kind.apiName() + " rules");
    }
    String s = text("metric", n);
    if (s.startsWith("score") && Metric.fromApiName(s).isEmpty()) {
      throw new InvalidRuleException(
          "metric",
          "unknown score metric "
              + quote(s)
              + ": score_avg (with score naming the score) is the score metric");
    }
    Metric m =
        Metric.fromApiName(s)
            .orElseThrow(
                () ->
                    new InvalidRuleException(
                        "metric", "must be one of " + metrics(false) + ", got " + quote(s)));
    if (kind == RuleKind.DRIFT && m.driftMetric().isEmpty()) {
      throw new InvalidRuleException(
          "metric", s + " cannot be tested for drift; one of " + metrics(true));
    }
    return m;
  }

  /** The score a score metric is about: required with one, refused with any other metric. */
  private static String score(Metric metric, JsonNode n) {
    boolean scoreMetric = metric != null && metric.isScore();
    if (absent(n)) {
      if (scoreMetric) {
        throw new InvalidRuleException(
            "score", "required for metric " + metric.apiName() + ": the score's name");
      }
      return null;
    }
    if (!scoreMetric) {
      throw new InvalidRuleException(
          "score", "only for score metrics (score_avg); leave it out for " + metric.apiName());
    }
    String score = text("score", n, MAX_NAME);
    if (score.isBlank()) {
      throw new InvalidRuleException("score", "must not be blank");
    }
    return score;
  }

  private static String metrics(boolean driftOnly) {
    return Arrays.stream(Metric.values())
        .filter(m -> !driftOnly || m.driftMetric().isPresent())
        .map(Metric::apiName)
        .collect(Collectors.joining(", "));
  }

  private static Duration window(RuleKind kind, JsonNode n) {
    Duration fallback;
    Duration max;
    switch (kind) {
      case THRESHOLD -> {
        fallback = Duration.ofMinutes(5);
        max = DAY;
      }
      case DRIFT -> {
        fallback = Duration.ofHours(1);
        max = Duration.ofHours(24);
      }
      case SWAP -> {
        fallback = Duration.ofHours(1);
        max = Duration.ofDays(7);
      }
      default -> {
        return null;
      }
    }
    if (absent(n)) {
      return fallback;
    }
    Duration d = duration("window", n, MINUTE, max);
    // Windows are made of the minute rollups.
    if (d.toMillis() % MINUTE.toMillis() != 0) {
      throw new InvalidRuleException("window", "must be whole minutes, got " + Durations.format(d));
    }
    return d;
  }

  private static Comparison op(JsonNode n) {
    if (absent(n)) {
      return Comparison.GT;
    }
    String s = text("op", n);
    return Comparison.fromSymbol(s)
        .orElseThrow(
            () -> new InvalidRuleException("op", "must be one of >, >=, <, <=, got " + quote(s)));
  }

  private static double warnThreshold(double warn, Comparison op, double threshold) {
    // The warning comes first on the way to the threshold: below it for >, above it for <.
    boolean upward = op == Comparison.GT || op == Comparison.GTE;
    if (upward ? warn >= threshold : warn <= threshold) {
      throw new InvalidRuleException(
          "warnThreshold",
          "must be "
              + (upward ? "below" : "above")
              + " threshold ("
              + plain(threshold)
              + ") for op "
              + op.symbol()
              + ", got "
              + plain(warn));
    }
    return warn;
  }

  private static Duration optional(
      JsonNode body, String field, Duration fallback, Duration min, Duration max) {
    JsonNode n = body.get(field);
    return absent(n) ? fallback : duration(field, n, min, max);
  }

  private static Severity severity(JsonNode n) {
    if (absent(n)) {
      return Severity.WARNING;
    }
    String s = text("severity", n);
    return Severity.fromApiName(s)
        .orElseThrow(
            () ->
                new InvalidRuleException(
                    "severity", "must be one of critical, warning, info, got " + quote(s)));
  }

  /** Labels and annotations: names as Prometheus' label names, values up to 1024 characters. */
  private static Map<String, String> labels(String field, JsonNode n, boolean labels) {
    if (absent(n)) {
      return Map.of();
    }
    requireObject(field, n);
    Map<String, String> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = e.getKey();
      String path = field + "." + cut(key);
      if (key.length() > MAX_NAME) {
        throw new InvalidRuleException(
            path, "name must be at most " + MAX_NAME + " characters, got " + key.length());
      }
      if (!JsonValues.LABEL_NAME.matcher(key).matches()) {
        throw new InvalidRuleException(
            path, "not a valid name: letters, digits and _, not starting with a digit");
      }
      if (labels && (RESERVED_LABELS.contains(key) || key.startsWith("__"))) {
        throw new InvalidRuleException(
            path, "reserved: alertname and rule_id are set on every alert, __ names are internal");
      }
      if (absent(e.getValue())) {
        throw new InvalidRuleException(path, "must be a string, got null");
      }
      out.put(key, text(path, e.getValue(), MAX_VALUE));
    }
    return out;
  }

  private static List<String> channels(JsonNode n) {
    if (absent(n)) {
      return List.of();
    }
    requireArray("channels", n);
    if (n.size() > MAX_CHANNELS) {
      throw new InvalidRuleException(
          "channels", "at most " + MAX_CHANNELS + " channels, got " + n.size());
    }
    List<String> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < n.size(); i++) {
      String field = "channels[" + i + "]";
      String id = text(field, n.get(i));
      if (!CHANNEL_ID.matcher(id).matches()) {
        throw new InvalidRuleException(field, "not a channel id (chn_…), got " + quote(id));
      }
      if (!seen.add(id)) {
        throw new InvalidRuleException(field, id + " is listed twice");
      }
      out.add(id);
    }
    return out;
  }

  private static DriftSettings drift(JsonNode body) {
    DriftSettings d = DriftSettings.DEFAULTS;
    JsonNode v;
    int baselineDays =
        absent(v = body.get("baselineDays"))
            ? d.baselineDays()
            : (int) whole("baselineDays", v, 1, 28);
    double alpha = d.alpha();
    if (!absent(v = body.get("alpha"))) {
      alpha = finite("alpha", v);
      if (alpha <= 0 || alpha > 0.5) {
        throw new InvalidRuleException(
            "alpha", "must be above 0 and at most 0.5, got " + plain(alpha));
      }
    }
    double minChange = d.minChange();
    if (!absent(v = body.get("minChange"))) {
      minChange = finite("minChange", v);
      if (minChange < 0) {
        throw new InvalidRuleException(
            "minChange", "must be 0 or more (0.3 = 30 %), got " + plain(minChange));
      }
    }
    int minSamples =
        absent(v = body.get("minSamples"))
            ? d.minSamples()
            : (int) whole("minSamples", v, 2, 100_000);
    return new DriftSettings(baselineDays, alpha, minChange, minSamples, d.maxSamples());
  }

  private static BudgetSettings budget(JsonNode body) {
    JsonNode v;
    BudgetPeriod period = BudgetPeriod.MONTH;
    if (!absent(v = body.get("period"))) {
      String s = text("period", v);
      period =
          BudgetPeriod.fromApiName(s)
              .orElseThrow(
                  () ->
                      new InvalidRuleException(
                          "period", "must be one of day, week, month, got " + quote(s)));
    }
    ZoneId zone = UTC;
    if (!absent(v = body.get("timeZone"))) {
      String s = text("timeZone", v, 100);
      try {
        zone = ZoneId.of(s);
      } catch (DateTimeException e) {
        throw new InvalidRuleException(
            "timeZone", "unknown time zone " + quote(s) + "; use a name such as Europe/Berlin");
      }
    }
    JsonNode amountNode = body.get("amountUsd");
    if (absent(amountNode)) {
      throw new InvalidRuleException("amountUsd", "required for budget rules");
    }
    double amount = finite("amountUsd", amountNode);
    if (amount <= 0) {
      throw new InvalidRuleException("amountUsd", "must be above 0, got " + plain(amount));
    }
    double warnAtPercent = 80;
    if (!absent(v = body.get("warnAtPercent"))) {
      warnAtPercent = finite("warnAtPercent", v);
      if (warnAtPercent <= 0 || warnAtPercent >= 100) {
        throw new InvalidRuleException(
            "warnAtPercent", "must be above 0 and below 100, got " + plain(warnAtPercent));
      }
    }
    // A double becomes its shortest decimal (500.1), not its binary expansion.
    return new BudgetSettings(period, zone, amountNode.decimalValue(), warnAtPercent);
  }

  private static String kinds(Set<RuleKind> kinds) {
    List<String> names = kinds.stream().map(RuleKind::apiName).toList();
    if (names.size() == 1) {
      return names.get(0);
    }
    return String.join(", ", names.subList(0, names.size() - 1))
        + " and "
        + names.get(names.size() - 1);
  }

  private static String format(Duration d) {
    return d == null ? null : Durations.format(d);
  }

  /** Whole numbers as integers: the contract writes {@code "threshold": 2000}, not 2000.0. */
  private static JsonNode number(Double d) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    if (d == null) {
      return f.nullNode();
    }
    if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      return f.numberNode(d.longValue());
    }
    return f.numberNode(d);
  }

  private static JsonNode amount(BigDecimal amount) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    if (amount == null) {
      return f.nullNode();
    }
    BigDecimal a = amount.stripTrailingZeros();
    return a.scale() <= 0 ? f.numberNode(a.toBigIntegerExact()) : f.numberNode(a);
  }

  private static String plain(double d) {
    return number(d).asText();
  }
}
