package dev.boxscore.query.service.alerts;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.boxscore.alerting.notify.Alert;
import dev.boxscore.alerting.notify.Channel;
import dev.boxscore.alerting.notify.ChannelHealth;
import dev.boxscore.alerting.notify.DeliveryAttempt;
import dev.boxscore.alerting.notify.DeliveryResult;
import dev.boxscore.alerting.notify.Dispatcher;
import dev.boxscore.alerting.notify.NotificationLog;
import dev.boxscore.alerting.notify.NotificationLogEntry;
import dev.boxscore.alerting.rule.AlertRule;
import dev.boxscore.alerting.silence.Silence;
import dev.boxscore.alerting.silence.SilenceJson;
import dev.boxscore.alerting.state.AlertInstance;
import dev.boxscore.alerting.state.AlertState;
import dev.boxscore.alerting.state.GroupKeys;
import dev.boxscore.query.config.QueryConfig;
import dev.boxscore.query.scope.AlertingStore;
import dev.boxscore.storage.alerts.AlertDocument;
import dev.boxscore.storage.alerts.AlertEventRow;
import dev.boxscore.storage.alerts.AlertStore;
import dev.boxscore.storage.alerts.DocumentKind;
import dev.boxscore.storage.alerts.NotificationLogRow;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Hands each rule's alerts to the {@link Dispatcher} (Alertmanager's grouping, timers, retries) for
 * each of the rule's channels, leaving out silenced ones, and records every delivery attempt in the
 * history. The notification log is stored, so a new evaluator (after a restart or a failover)
 * neither repeats what was delivered nor forgets a resolve that is owed.
 */
@ApplicationScoped
public class AlertDelivery {
  private static final Logger LOG = Logger.getLogger(AlertDelivery.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final AlertingStore storage;
  private final String externalUrl;
  private volatile Dispatcher dispatcher;
  private volatile StoredLog log;

  /** Rule names and groups by notification group key, for the history of deliveries. */
  private final Map<String, String[]> ruleOfGroup = new ConcurrentHashMap<>();

  AlertDelivery(AlertingStore storage, QueryConfig config) {
    this.storage = storage;
    this.externalUrl = config.alerts().externalUrl().replaceAll("/+$", "");
    this.dispatcher = newDispatcher();
  }

  private Dispatcher newDispatcher() {
    log = new StoredLog();
    return Dispatcher.builder()
        .notificationLog(log)
        .listener(this::attempted)
        .externalUrl(externalUrl)
        .build();
  }

  /**
   * Starts over from the stored log: when this process becomes the evaluator, another may have
   * delivered since it last was.
   */
  public synchronized void restart() {
    Dispatcher old = dispatcher;
    dispatcher = newDispatcher();
    old.close();
  }

  @PreDestroy
  void close() {
    dispatcher.close();
  }

  /** Sends what is due at {@code now}. */
  public void tick(Instant now) {
    dispatcher.tick(now);
  }

  public ChannelHealth health(String channelId) {
    return dispatcher.health(channelId);
  }

  public DeliveryResult sendTest(Channel channel, Instant now) {
    return dispatcher.sendTest(channel, now);
  }

  /** A round's view of one project's channels and silences. */
  ProjectDelivery forProject(String project, AlertStore store, Instant now) {
    Map<String, Channel> channels = new HashMap<>();
    for (AlertDocument d : store.documents(project, DocumentKind.CHANNEL)) {
      if (!d.deleted()) {
        channels.put(d.id(), ChannelJson.fromStored(d.body(), project));
      }
    }
    List<Silence> silences = new ArrayList<>();
    for (AlertDocument d : store.documents(project, DocumentKind.SILENCE)) {
      if (d.deleted()) {
        continue;
      }
      try {
        silences.add(storedSilence(d, project));
      } catch (IOException | RuntimeException e) {
        LOG.warnf("skipping stored silence %s of project %s: %s", d.id(), project, e.getMessage());
      }
    }
    return new ProjectDelivery(project, channels, silences, now);
  }

  /**
   * A stored silence, expired ones included (read as of the epoch: the API's "ends in the future"
   * check is for new silences).
   */
  static Silence storedSilence(AlertDocument d, String project) throws IOException {
    Silence s = SilenceJson.read(JSON.readTree(d.body()), project, Instant.EPOCH);
    return new Silence(
        d.id(), project, s.matchers(), s.startsAt(), s.endsAt(), s.comment(), s.createdBy());
  }

  /** One project's channels and silences during one round. */
  final class ProjectDelivery {
    private final String project;
    private final Map<String, Channel> channels;
    private final List<Silence> silences;
    private final Instant now;

    private ProjectDelivery(
        String project, Map<String, Channel> channels, List<Silence> silences, Instant now) {
      this.project = project;
      this.channels = channels;
      this.silences = silences;
      this.now = now;
    }

    boolean silenced(Map<String, String> labels) {
      return silences.stream().anyMatch(s -> s.silences(labels, now));
    }

    void update(AlertRule rule, Collection<AlertInstance> instances) {
      if (rule.channels().isEmpty()) {
        return;
      }
      List<Alert> alerts = new ArrayList<>();
      for (AlertInstance a : instances) {
        if (a.firedAt() == null) {
          continue; // never fired: nothing to tell, nothing to resolve
        }
        Alert alert = alert(project, rule, a, externalUrl);
        if (!silenced(alert.labels())) {
          alerts.add(alert);
        }
      }
      String groupKey = project + "/" + rule.id();
      ruleOfGroup.put(groupKey, new String[] {project, rule.id(), rule.name()});
      for (String channelId : rule.channels()) {
        Channel channel = channels.get(channelId);
        if (channel != null) {
          dispatcher.update(channel, groupKey, alerts, now);
        }
      }
    }
  }

  /** An alert's labels: who it is (rule, severity, kind, group) and the rule's own labels. */
  static Map<String, String> labels(AlertRule rule, AlertInstance a) {
    Map<String, String> labels = new TreeMap<>(rule.labels());
    labels.putAll(a.group());
    labels.put("alertname", rule.name());
    labels.put("rule_id", rule.id());
    labels.put("kind", rule.kind().apiName());
    // The warning level of a threshold and a budget's warning and forecast are warnings whatever
    // the rule's own severity.
    labels.put(
        "severity",
        a.group().containsKey(RuleEvaluator.LEVEL) ? "warning" : rule.severity().apiName());
    return labels;
  }

  static Alert alert(String project, AlertRule rule, AlertInstance a, String externalUrl) {
    boolean firing = a.state() == AlertState.FIRING;
    Map<String, String> annotations = new TreeMap<>(rule.annotations());
    annotations.putIfAbsent("summary", Summaries.summary(rule, a));
    return new Alert(
        GroupKeys.fingerprint(project, rule.id(), a.group()),
        firing,
        labels(rule, a),
        annotations,
        a.values(),
        a.firedAt(),
        firing ? null : (a.resolvedAt() == null ? a.evaluatedAt() : a.resolvedAt()),
        externalUrl + link(rule, a));
  }

  /** The UI's trace list filtered to the alert's traffic. */
  static String link(AlertRule rule, AlertInstance a) {
    Map<String, String> q = new LinkedHashMap<>();
    put(q, "service", a.group().getOrDefault("service", rule.filter().service()));
    put(q, "model", a.group().getOrDefault("model", rule.filter().model()));
    q.put("range", rule.window() != null && rule.window().toHours() >= 6 ? "24h" : "1h");
    StringBuilder b = new StringBuilder("/#/traces");
    char sep = '?';
    for (Map.Entry<String, String> e : q.entrySet()) {
      b.append(sep)
          .append(e.getKey())
          .append('=')
          .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
      sep = '&';
    }
    return b.toString();
  }

  private static void put(Map<String, String> q, String key, String value) {
    if (value != null && !value.isEmpty()) {
      q.put(key, value);
    }
  }

  private void attempted(DeliveryAttempt a) {
    String[] rule =
        ruleOfGroup.getOrDefault(
            a.groupKey(), new String[] {a.groupKey().split("/", 2)[0], "", ""});
    Map<String, String> values = new TreeMap<>();
    values.put("fingerprints", String.join(",", a.fingerprints()));
    try {
      storage
          .store()
          .appendEvents(
              rule[0],
              List.of(
                  new AlertEventRow(
                      a.at(),
                      UUID.randomUUID().toString(),
                      AlertEventRow.DELIVERY,
                      rule[1],
                      rule[2],
                      "{}",
                      null,
                      null,
                      null,
                      EvaluationRound.json(values),
                      a.channelId(),
                      a.channelName(),
                      a.notification().apiName(),
                      a.attempt(),
                      a.last(),
                      a.status().apiName(),
                      a.httpStatus(),
                      a.error())));
    } catch (RuntimeException e) {
      LOG.warnf(
          "could not record a delivery attempt to channel %s: %s", a.channelId(), e.getMessage());
    }
  }

  /** The notification log in the store; the group key's first part is the project. */
  private final class StoredLog implements NotificationLog {
    private final Map<String, Map<String, NotificationLogEntry>> byProject =
        new ConcurrentHashMap<>();

    @Override
    public Optional<NotificationLogEntry> last(String channelId, String groupKey) {
      String project = groupKey.split("/", 2)[0];
      Map<String, NotificationLogEntry> entries =
          byProject.computeIfAbsent(
              project,
              p -> {
                Map<String, NotificationLogEntry> m = new ConcurrentHashMap<>();
                for (NotificationLogRow r : storage.store().notificationLog(p)) {
                  m.put(
                      r.channelId() + "\n" + r.groupKey(),
                      new NotificationLogEntry(
                          new java.util.HashSet<>(r.firing()),
                          new java.util.HashSet<>(r.resolved()),
                          r.sentAt()));
                }
                return m;
              });
      return Optional.ofNullable(entries.get(channelId + "\n" + groupKey));
    }

    @Override
    public void record(String channelId, String groupKey, NotificationLogEntry e) {
      String project = groupKey.split("/", 2)[0];
      storage
          .store()
          .recordNotification(
              project,
              new NotificationLogRow(
                  channelId, groupKey, List.copyOf(e.firing()), List.copyOf(e.resolved()), e.at()));
      last(channelId, groupKey);
      byProject.get(project).put(channelId + "\n" + groupKey, e);
    }
  }
}
