package dev.boxscore.alerting.notify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A Slack incoming-webhook message: {@code text} for notifications and clients without blocks,
 * {@code blocks} with a header ({@code [FIRING:n] rule} or {@code [RESOLVED] rule}), one section
 * per alert (its distinguishing labels, summary and values) and a button into Boxscore.
 */
final class SlackMessage {
  // Slack rejects the whole message when a block breaks its limits, so stay inside them.
  static final int HEADER_MAX = 150;
  static final int SECTION_MAX = 3000;
  static final int BUTTON_URL_MAX = 3000;
  static final int MAX_ALERT_SECTIONS = 45; // of Slack's 50 blocks; room for header and "more"

  /** Labels every alert of a rule shares or that the header already says. */
  private static final Set<String> NOT_OF_INTEREST = Set.of("alertname", "rule_id");

  private SlackMessage() {}

  static byte[] body(Channel channel, String groupKey, List<Alert> alerts, String externalUrl) {
    long firing = alerts.stream().filter(Alert::firing).count();
    String rule = ruleName(alerts);
    String title = (firing > 0 ? "[FIRING:" + firing + "] " : "[RESOLVED] ") + rule;

    ObjectNode root = Json.object();
    root.put("text", Text.cut(title, SECTION_MAX));
    ArrayNode blocks = root.putArray("blocks");
    ObjectNode header = blocks.addObject();
    header.put("type", "header");
    header.set("text", plain(Text.cut(title, HEADER_MAX)));

    int shown = Math.min(alerts.size(), MAX_ALERT_SECTIONS);
    for (Alert a : alerts.subList(0, shown)) {
      ObjectNode section = blocks.addObject();
      section.put("type", "section");
      section.set("text", markdown(Text.cut(describe(a), SECTION_MAX)));
      String link = Links.absolute(externalUrl, a.generatorUrl());
      if (link != null && !link.isBlank() && link.length() <= BUTTON_URL_MAX) {
        ObjectNode button = section.putObject("accessory");
        button.put("type", "button");
        button.set("text", plain("Open in Boxscore"));
        button.put("url", link);
      }
    }
    if (alerts.size() > shown) {
      ObjectNode more = blocks.addObject();
      more.put("type", "context");
      more.putArray("elements").add(markdown("… and " + (alerts.size() - shown) + " more"));
    }
    return Json.bytes(root);
  }

  private static String describe(Alert a) {
    StringBuilder s = new StringBuilder();
    s.append(a.firing() ? "*Firing*" : "*Resolved*");
    String severity = a.labels().get("severity");
    if (severity != null) {
      s.append(" · ").append(escape(severity));
    }
    Map<String, String> labels = new TreeMap<>(a.labels());
    labels.keySet().removeAll(NOT_OF_INTEREST);
    labels.remove("severity");
    if (!labels.isEmpty()) {
      s.append('\n').append(pairs(labels, "=", ", "));
    }
    String summary = a.annotations().get("summary");
    if (summary != null && !summary.isBlank()) {
      s.append('\n').append(escape(summary));
    }
    if (!a.values().isEmpty()) {
      s.append('\n').append(pairs(new TreeMap<>(a.values()), ": ", " · "));
    }
    return s.toString();
  }

  private static String pairs(Map<String, String> map, String between, String separator) {
    StringBuilder s = new StringBuilder();
    map.forEach(
        (k, v) -> {
          if (s.length() > 0) {
            s.append(separator);
          }
          s.append('`').append(escape(k)).append(between).append(escape(v)).append('`');
        });
    return s.toString();
  }

  static String ruleName(List<Alert> alerts) {
    String name = AlertmanagerWebhook.common(alerts, true).get("alertname");
    if (name == null && !alerts.isEmpty()) {
      name = alerts.get(0).labels().get("alertname");
    }
    return name == null ? "Boxscore alert" : name;
  }

  private static ObjectNode plain(String text) {
    ObjectNode t = Json.object();
    t.put("type", "plain_text");
    t.put("text", text);
    return t;
  }

  private static ObjectNode markdown(String text) {
    ObjectNode t = Json.object();
    t.put("type", "mrkdwn");
    t.put("text", text);
    return t;
  }

  /** Slack's three control characters; anything else in a label is shown as is. */
  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
