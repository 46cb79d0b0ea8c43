package dev.boxscore.query.service.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.boxscore.alerting.notify.Channel;
import dev.boxscore.alerting.notify.ChannelHealth;
import dev.boxscore.alerting.notify.DeliveryResult;
import dev.boxscore.alerting.rule.AlertRule;
import dev.boxscore.alerting.rule.InvalidRuleException;
import dev.boxscore.alerting.rule.RuleJson;
import dev.boxscore.alerting.silence.Silence;
import dev.boxscore.alerting.silence.SilenceJson;
import dev.boxscore.alerting.state.AlertInstance;
import dev.boxscore.alerting.state.AlertState;
import dev.boxscore.query.scope.ProjectAlerts;
import dev.boxscore.query.scope.ProjectScope;
import dev.boxscore.storage.alerts.AlertDocument;
import dev.boxscore.storage.alerts.AlertEventRow;
import dev.boxscore.storage.alerts.AlertInstanceRow;
import dev.boxscore.storage.alerts.ChannelHealthRow;
import dev.boxscore.storage.alerts.DocumentKind;
import dev.boxscore.storage.alerts.EventQuery;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Rules, alerts, history, channels and silences of the caller's project, as the API shows them. */
@ApplicationScoped
public class AlertService {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();

  private final ProjectScope scope;
  private final RuleBook rules;
  private final Backtest backtest;
  private final AlertDelivery delivery;
  private final Clock clock = Clock.systemUTC();

  AlertService(ProjectScope scope, RuleBook rules, Backtest backtest, AlertDelivery delivery) {
    this.scope = scope;
    this.rules = rules;
    this.backtest = backtest;
    this.delivery = delivery;
  }

  /** A rule the caller may not change (it comes from the rules file). */
  public static final class ReadOnlyRuleException extends RuntimeException {
    ReadOnlyRuleException(String id) {
      super("rule " + id + " comes from the rules file; change it there");
    }
  }

  private ProjectAlerts alerts() {
    return scope.alerts();
  }

  static String newId(String prefix) {
    byte[] b = new byte[6];
    RANDOM.nextBytes(b);
    return prefix + HexFormat.of().formatHex(b);
  }

  // ---- rules

  private List<AlertRule> allRules() {
    return rules.rules(scope.projectId(), alerts().documents(DocumentKind.RULE));
  }

  public ObjectNode listRules() {
    List<AlertInstance> instances = instances();
    ObjectNode out = JSON.createObjectNode();
    ArrayNode list = out.putArray("rules");
    for (AlertRule r : allRules()) {
      list.add(ruleJson(r, instances));
    }
    return out;
  }

  public Optional<ObjectNode> rule(String id) {
    return find(id).map(r -> ruleJson(r, instances()));
  }

  private Optional<AlertRule> find(String id) {
    return allRules().stream().filter(r -> r.id().equals(id)).findFirst();
  }

  public ObjectNode createRule(JsonNode body) {
    AlertRule parsed = RuleJson.read(body);
    checkChannels(parsed);
    AlertRule rule = parsed.withId(newId("rul_"), AlertRule.SOURCE_API, 1);
    store(rule, false);
    return ruleJson(rule, List.of());
  }

  public Optional<ObjectNode> updateRule(String id, JsonNode body) {
    Optional<AlertRule> existing = find(id);
    if (existing.isEmpty()) {
      return Optional.empty();
    }
    if (AlertRule.SOURCE_FILE.equals(existing.get().source())) {
      throw new ReadOnlyRuleException(id);
    }
    AlertRule parsed = RuleJson.read(body);
    checkChannels(parsed);
    AlertRule rule = parsed.withId(id, AlertRule.SOURCE_API, existing.get().version() + 1);
    store(rule, false);
    return Optional.of(ruleJson(rule, instances()));
  }

  public boolean deleteRule(String id) {
    Optional<AlertRule> existing = find(id);
    if (existing.isEmpty()) {
      return false;
    }
    if (AlertRule.SOURCE_FILE.equals(existing.get().source())) {
      throw new ReadOnlyRuleException(id);
    }
    store(existing.get(), true);
    return true;
  }

  private void checkChannels(AlertRule rule) {
    List<String> known =
        alerts().documents(DocumentKind.CHANNEL).stream()
            .filter(d -> !d.deleted())
            .map(AlertDocument::id)
            .toList();
    for (int i = 0; i < rule.channels().size(); i++) {
      if (!known.contains(rule.channels().get(i))) {
        throw new InvalidRuleException(
            "channels[" + i + "]", "no channel " + rule.channels().get(i) + " in this project");
      }
    }
  }

  private void store(AlertRule rule, boolean deleted) {
    alerts()
        .putDocument(
            DocumentKind.RULE,
            new AlertDocument(rule.id(), RuleJson.write(rule).toString(), deleted, micros()));
    rules.changed(scope.projectId());
  }

  private ObjectNode ruleJson(AlertRule r, List<AlertInstance> instances) {
    ObjectNode o = RuleJson.write(r);
    AlertState worst = null;
    int firing = 0;
    int pending = 0;
    Instant evaluated = null;
    String error = null;
    for (AlertInstance a : instances) {
      if (!a.ruleId().equals(r.id())) {
        continue;
      }
      if (a.state() == AlertState.FIRING) {
        firing++;
      } else if (a.state() == AlertState.PENDING) {
        pending++;
      }
      if (worst == null || rank(a.state()) > rank(worst)) {
        worst = a.state();
      }
      if (evaluated == null || a.evaluatedAt().isAfter(evaluated)) {
        evaluated = a.evaluatedAt();
      }
      if (a.error() != null) {
        error = a.error();
      }
    }
    o.put("state", worst == null || worst == AlertState.RESOLVED ? "inactive" : worst.apiName());
    o.put("firing", firing);
    o.put("pending", pending);
    o.put("lastEvaluatedAt", evaluated == null ? null : evaluated.toString());
    o.put("lastError", error);
    return o;
  }

  private static int rank(AlertState s) {
    return switch (s) {
      case FIRING -> 5;
      case PENDING -> 4;
      case NO_DATA -> 3;
      case ERROR -> 2;
      case RESOLVED -> 1;
      case INACTIVE -> 0;
    };
  }

  public ObjectNode backtest(String id, Instant from, Instant to) {
    return find(id).map(r -> backtest.run(r, from, to)).orElse(null);
  }

  public ObjectNode backtest(JsonNode body, Instant from, Instant to) {
    AlertRule rule = RuleJson.read(body).withId("rul_preview", AlertRule.SOURCE_API, 0);
    return backtest.run(rule, from, to);
  }

  // ---- alerts and history

  private List<AlertInstance> instances() {
    List<AlertInstance> out = new ArrayList<>();
    for (AlertInstanceRow row : alerts().instances()) {
      out.add(EvaluationRound.instance(scope.projectId(), row));
    }
    return out;
  }

  public ObjectNode listAlerts(String stateFilter) {
    Instant now = clock.instant();
    Map<String, AlertRule> byId = new HashMap<>();
    allRules().forEach(r -> byId.put(r.id(), r));
    List<Silence> silences = silences(now);
    ObjectNode out = JSON.createObjectNode();
    ArrayNode list = out.putArray("alerts");
    List<AlertInstance> all = new ArrayList<>(instances());
    all.sort(
        Comparator.comparing((AlertInstance a) -> -rank(a.state()))
            .thenComparing(AlertInstance::since, Comparator.reverseOrder()));
    for (AlertInstance a : all) {
      AlertRule rule = byId.get(a.ruleId());
      if (rule == null || a.state() == AlertState.INACTIVE) {
        continue;
      }
      if (stateFilter != null && !stateFilter.equals(a.state().apiName())) {
        continue;
      }
      Map<String, String> labels = AlertDelivery.labels(rule, a);
      ObjectNode o = list.addObject();
      o.put("ruleId", rule.id());
      o.put("ruleName", rule.name());
      o.put("kind", rule.kind().apiName());
      o.put("severity", labels.get("severity"));
      o.set("group", JSON.valueToTree(new java.util.TreeMap<>(a.group())));
      o.set("labels", JSON.valueToTree(labels));
      Map<String, String> annotations = new java.util.TreeMap<>(rule.annotations());
      annotations.putIfAbsent("summary", Summaries.summary(rule, a));
      o.set("annotations", JSON.valueToTree(annotations));
      o.put("state", a.state().apiName());
      o.put("since", a.since().toString());
      o.put("activeAt", a.activeAt() == null ? null : a.activeAt().toString());
      o.put("firedAt", a.firedAt() == null ? null : a.firedAt().toString());
      o.put("resolvedAt", a.resolvedAt() == null ? null : a.resolvedAt().toString());
      o.put("lastEvaluatedAt", a.evaluatedAt().toString());
      if (a.value() == null) {
        o.putNull("value");
      } else {
        o.put("value", a.value());
      }
      Double threshold =
          a.group().containsKey(RuleEvaluator.LEVEL) && rule.warnThreshold() != null
              ? rule.warnThreshold()
              : rule.threshold();
      if (threshold == null) {
        o.putNull("threshold");
      } else {
        o.put("threshold", threshold);
      }
      o.set("values", JSON.valueToTree(a.values()));
      o.put("error", a.error());
      o.put("silenced", silences.stream().anyMatch(s -> s.silences(labels, now)));
      o.put("url", AlertDelivery.link(rule, a));
    }
    return out;
  }

  public ObjectNode events(EventQuery q) {
    List<AlertEventRow> rows = alerts().events(q);
    ObjectNode out = JSON.createObjectNode();
    ArrayNode list = out.putArray("events");
    for (AlertEventRow e : rows) {
      ObjectNode o = list.addObject();
      o.put("at", e.at().toString());
      o.put("type", e.type());
      o.put("ruleId", e.ruleId());
      o.put("ruleName", e.ruleName());
      o.set("group", JSON.valueToTree(EvaluationRound.map(e.groupJson())));
      if (AlertEventRow.TRANSITION.equals(e.type())) {
        o.put("from", e.fromState());
        o.put("to", e.toState());
        if (e.value() == null) {
          o.putNull("value");
        } else {
          o.put("value", e.value());
        }
        o.set("values", JSON.valueToTree(EvaluationRound.map(e.valuesJson())));
        o.put("error", e.error() == null || e.error().isEmpty() ? null : e.error());
      } else {
        o.put("channelId", e.channelId());
        o.put("channelName", e.channelName());
        o.put("notification", e.notification());
        o.put("attempt", e.attempt());
        o.put("final", e.isFinal());
        o.put("status", e.status());
        if (e.httpStatus() == null) {
          o.putNull("httpStatus");
        } else {
          o.put("httpStatus", e.httpStatus());
        }
        o.put("error", e.error() == null || e.error().isEmpty() ? null : e.error());
      }
    }
    if (rows.size() == q.limit()) {
      AlertEventRow last = rows.get(rows.size() - 1);
      out.put("next", last.at().toEpochMilli() + "_" + last.eventId());
    } else {
      out.putNull("next");
    }
    return out;
  }

  // ---- channels

  public ObjectNode listChannels() {
    Map<String, ChannelHealthRow> health = new HashMap<>();
    alerts().channelHealth().forEach(h -> health.put(h.channelId(), h));
    ObjectNode out = JSON.createObjectNode();
    ArrayNode list = out.putArray("channels");
    for (AlertDocument d : alerts().documents(DocumentKind.CHANNEL)) {
      if (!d.deleted()) {
        Channel c = ChannelJson.fromStored(d.body(), scope.projectId());
        list.add(withHealth(c, health.get(c.id())));
      }
    }
    return out;
  }

  /**
   * A channel's status from its recorded deliveries, so every query process answers the same: it is
   * failing when its last three notifications failed.
   */
  private static ObjectNode withHealth(Channel c, ChannelHealthRow h) {
    ObjectNode o = ChannelJson.publicJson(c);
    int failures = 0;
    if (h != null) {
      for (String s : h.lastNotifications()) {
        if (!"failed".equals(s)) {
          break;
        }
        failures++;
      }
    }
    o.put("status", failures >= 3 ? "failing" : "ok");
    o.put("consecutiveFailures", failures);
    o.put("lastError", h == null ? null : h.lastError());
    o.put(
        "lastAttemptAt",
        h == null || h.lastAttemptAt() == null ? null : h.lastAttemptAt().toString());
    return o;
  }

  public ObjectNode createChannel(JsonNode body) {
    Channel c = ChannelJson.read(body, newId("chn_"), scope.projectId());
    alerts()
        .putDocument(
            DocumentKind.CHANNEL,
            new AlertDocument(c.id(), ChannelJson.stored(c), false, micros()));
    ObjectNode o = withHealth(c, null);
    if (c.type() == dev.boxscore.alerting.notify.ChannelType.WEBHOOK) {
      // Shown once, like an API key: the receiver needs it to verify signatures.
      o.put("secret", c.secret());
    }
    return o;
  }

  public boolean deleteChannel(String id) {
    for (AlertDocument d : alerts().documents(DocumentKind.CHANNEL)) {
      if (d.id().equals(id) && !d.deleted()) {
        alerts().putDocument(DocumentKind.CHANNEL, new AlertDocument(id, d.body(), true, micros()));
        return true;
      }
    }
    return false;
  }

  public Optional<DeliveryResult> testChannel(String id) {
    for (AlertDocument d : alerts().documents(DocumentKind.CHANNEL)) {
      if (d.id().equals(id) && !d.deleted()) {
        return Optional.of(
            delivery.sendTest(
                ChannelJson.fromStored(d.body(), scope.projectId()), clock.instant()));
      }
    }
    return Optional.empty();
  }

  public ChannelHealth localHealth(String id) {
    return delivery.health(id);
  }

  // ---- silences

  private List<Silence> silences(Instant now) {
    List<Silence> out = new ArrayList<>();
    for (AlertDocument d : alerts().documents(DocumentKind.SILENCE)) {
      if (!d.deleted()) {
        try {
          out.add(AlertDelivery.storedSilence(d, scope.projectId()));
        } catch (java.io.IOException | RuntimeException e) {
          // an unreadable stored silence silences nothing
        }
      }
    }
    return out;
  }

  public ObjectNode listSilences() {
    Instant now = clock.instant();
    ObjectNode out = JSON.createObjectNode();
    ArrayNode list = out.putArray("silences");
    for (Silence s : silences(now)) {
      list.add(SilenceJson.write(s, now));
    }
    return out;
  }

  public ObjectNode createSilence(JsonNode body, String createdBy) {
    Instant now = clock.instant();
    Silence read = SilenceJson.read(body, scope.projectId(), now);
    Silence s =
        new Silence(
            newId("sil_"),
            read.projectId(),
            read.matchers(),
            read.startsAt(),
            read.endsAt(),
            read.comment(),
            read.createdBy() == null ? createdBy : read.createdBy());
    alerts()
        .putDocument(
            DocumentKind.SILENCE,
            new AlertDocument(s.id(), SilenceJson.write(s, now).toString(), false, micros()));
    return SilenceJson.write(s, now);
  }

  /** Expires a silence now (Alertmanager's expire): it stays listed as expired. */
  public boolean expireSilence(String id) {
    Instant now = clock.instant();
    for (Silence s : silences(now)) {
      if (s.id().equals(id)) {
        Silence expired =
            new Silence(
                s.id(),
                s.projectId(),
                s.matchers(),
                s.startsAt().isAfter(now) ? now : s.startsAt(),
                now,
                s.comment(),
                s.createdBy());
        alerts()
            .putDocument(
                DocumentKind.SILENCE,
                new AlertDocument(id, SilenceJson.write(expired, now).toString(), false, micros()));
        return true;
      }
    }
    return false;
  }

  private long micros() {
    Instant now = clock.instant();
    return now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
  }
}
