package dev.boxscore.alerting.notify;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * PagerDuty Events API v2, one event per alert so that each alert instance is its own incident: the
 * dedup key comes from the fingerprint, so a resolve closes exactly what its trigger opened and
 * re-sent triggers fold into the open incident.
 */
final class PagerDutyEvent {
  static final String DEFAULT_URL = "https://events.pagerduty.com/v2/enqueue";
  static final int SUMMARY_MAX = 1024;
  static final String DEDUP_PREFIX = "boxscore-";

  private static final Set<String> SEVERITIES = Set.of("critical", "warning", "info");
  private static final Set<String> NOT_IN_SUMMARY = Set.of("alertname", "rule_id", "severity");

  private PagerDutyEvent() {}

  /** One event body per alert, in order. */
  static List<byte[]> bodies(
      Channel channel, String groupKey, List<Alert> alerts, String externalUrl) {
    List<byte[]> events = new ArrayList<>(alerts.size());
    for (Alert a : alerts) {
      events.add(body(channel, a, externalUrl));
    }
    return events;
  }

  static byte[] body(Channel channel, Alert alert, String externalUrl) {
    ObjectNode root = Json.object();
    root.put("routing_key", channel.secret());
    root.put("event_action", alert.firing() ? "trigger" : "resolve");
    root.put("dedup_key", dedupKey(alert));
    // PagerDuty ignores everything but the key on a resolve (as Alertmanager sends it too).
    if (!alert.firing()) {
      return Json.bytes(root);
    }
    ObjectNode payload = root.putObject("payload");
    payload.put("summary", summary(alert));
    payload.put("source", "boxscore");
    payload.put("severity", severity(alert));
    if (alert.startsAt() != null) {
      payload.put("timestamp", alert.startsAt().toString());
    }
    putIfPresent(payload, "component", alert.labels().get("model"));
    putIfPresent(payload, "group", alert.labels().get("service"));
    putIfPresent(payload, "class", alert.labels().get("kind"));
    ObjectNode details = payload.putObject("custom_details");
    details.set("labels", Json.object(alert.labels()));
    details.set("values", Json.object(alert.values()));
    details.set("annotations", Json.object(alert.annotations()));
    String link = Links.absolute(externalUrl, alert.generatorUrl());
    if (link != null && !link.isBlank()) {
      ObjectNode l = root.putArray("links").addObject();
      l.put("href", link);
      l.put("text", "Open in Boxscore");
    }
    root.put("client", "Boxscore");
    if (externalUrl != null && !externalUrl.isBlank()) {
      root.put("client_url", externalUrl);
    }
    return Json.bytes(root);
  }

  static String dedupKey(Alert alert) {
    return DEDUP_PREFIX + alert.fingerprint();
  }

  /** "rule: summary annotation (label=value, …)", cut to PagerDuty's 1024 chars. */
  static String summary(Alert alert) {
    StringBuilder s = new StringBuilder();
    s.append(alert.labels().getOrDefault("alertname", "Boxscore alert"));
    String summary = alert.annotations().get("summary");
    if (summary != null && !summary.isBlank()) {
      s.append(": ").append(summary);
    }
    Map<String, String> labels = new TreeMap<>(alert.labels());
    labels.keySet().removeAll(NOT_IN_SUMMARY);
    if (!labels.isEmpty()) {
      s.append(" (");
      labels.forEach((k, v) -> s.append(k).append('=').append(v).append(", "));
      s.setLength(s.length() - 2);
      s.append(')');
    }
    return Text.cut(s.toString(), SUMMARY_MAX);
  }

  static String severity(Alert alert) {
    String severity = alert.labels().get("severity");
    return severity != null && SEVERITIES.contains(severity) ? severity : "warning";
  }

  private static void putIfPresent(ObjectNode node, String field, String value) {
    if (value != null && !value.isBlank()) {
      node.put(field, value);
    }
  }
}
