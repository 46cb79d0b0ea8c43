package dev.boxscore.alerting.notify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Alertmanager's webhook JSON (version 4), so that anything that already receives Alertmanager
 * webhooks (incident tools, chat bridges, custom handlers) receives Boxscore's alerts unchanged.
 * Each alert also carries {@code values}, as Grafana's does; Alertmanager receivers ignore it.
 */
final class AlertmanagerWebhook {
  static final String VERSION = "4";

  /** Go's zero {@code time.Time}: what Alertmanager sends as {@code endsAt} while firing. */
  static final String ZERO_TIME = "0001-01-01T00:00:00Z";

  /** A group is one rule's alerts for one channel, so the rule is what it is grouped by. */
  private static final List<String> GROUP_BY = List.of("alertname", "rule_id");

  private AlertmanagerWebhook() {}

  static byte[] body(Channel channel, String groupKey, List<Alert> alerts, String externalUrl) {
    Map<String, String> commonLabels = common(alerts, true);
    Map<String, String> groupLabels = new HashMap<>();
    for (String name : GROUP_BY) {
      if (commonLabels.containsKey(name)) {
        groupLabels.put(name, commonLabels.get(name));
      }
    }
    ObjectNode root = Json.object();
    root.put("version", VERSION);
    root.put("groupKey", groupKey);
    root.put("truncatedAlerts", 0);
    root.put("status", status(alerts).apiName());
    root.put("receiver", channel.name());
    root.set("groupLabels", Json.object(groupLabels));
    root.set("commonLabels", Json.object(commonLabels));
    root.set("commonAnnotations", Json.object(common(alerts, false)));
    root.put("externalURL", externalUrl == null ? "" : externalUrl);
    ArrayNode list = root.putArray("alerts");
    for (Alert a : alerts) {
      ObjectNode n = list.addObject();
      n.put("status", a.firing() ? "firing" : "resolved");
      n.set("labels", Json.object(a.labels()));
      n.set("annotations", Json.object(a.annotations()));
      n.put("startsAt", time(a.startsAt()));
      n.put("endsAt", a.firing() ? ZERO_TIME : time(endsAt(a)));
      String link = Links.absolute(externalUrl, a.generatorUrl());
      n.put("generatorURL", link == null ? "" : link);
      n.put("fingerprint", a.fingerprint());
      n.set("values", Json.object(a.values()));
    }
    return Json.bytes(root);
  }

  /** Firing when any alert fires, as Alertmanager decides a group's status. */
  static NotificationKind status(List<Alert> alerts) {
    return alerts.stream().anyMatch(Alert::firing)
        ? NotificationKind.FIRING
        : NotificationKind.RESOLVED;
  }

  /** Labels (or annotations) that every alert has with the same value. */
  static Map<String, String> common(List<Alert> alerts, boolean labels) {
    if (alerts.isEmpty()) {
      return Map.of();
    }
    Map<String, String> common = new HashMap<>(pick(alerts.get(0), labels));
    for (Alert a : alerts.subList(1, alerts.size())) {
      common.entrySet().removeIf(e -> !e.getValue().equals(pick(a, labels).get(e.getKey())));
    }
    return common;
  }

  private static Map<String, String> pick(Alert a, boolean labels) {
    return labels ? a.labels() : a.annotations();
  }

  /** A resolved alert without an end (the evaluator's slip) ends, at the latest, where it began. */
  private static Instant endsAt(Alert a) {
    return a.endsAt() != null ? a.endsAt() : a.startsAt();
  }

  private static String time(Instant t) {
    return t == null ? ZERO_TIME : t.toString();
  }
}
