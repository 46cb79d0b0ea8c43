package dev.boxscore.query.service.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.boxscore.alerting.notify.Channel;
import dev.boxscore.alerting.notify.ChannelType;
import dev.boxscore.alerting.rule.Durations;
import dev.boxscore.alerting.rule.InvalidRuleException;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Set;

/**
 * A notification channel's JSON: read from a request (validated, naming the field) and written for
 * storage (with its secret) or for the API (without it).
 */
public final class ChannelJson {
  static final String PAGERDUTY_URL = "https://events.pagerduty.com/v2/enqueue";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Set<String> FIELDS =
      Set.of(
          "id",
          "name",
          "type",
          "url",
          "secret",
          "hasSecret",
          "groupWait",
          "groupInterval",
          "repeatInterval",
          "status",
          "consecutiveFailures",
          "lastError",
          "lastAttemptAt");

  private ChannelJson() {}

  /** A new channel from a request body; a webhook without a secret gets a generated one. */
  public static Channel read(JsonNode body, String id, String projectId) {
    if (body == null || !body.isObject()) {
      throw new InvalidRuleException("body", "must be a JSON object");
    }
    for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!FIELDS.contains(f)) {
        throw new InvalidRuleException(f, "not a channel field");
      }
    }
    String name = text(body, "name", true);
    if (name.length() > 200) {
      throw new InvalidRuleException("name", "at most 200 characters");
    }
    String typeName = text(body, "type", true);
    ChannelType type =
        ChannelType.fromApiName(typeName)
            .orElseThrow(
                () -> new InvalidRuleException("type", "must be webhook, slack or pagerduty"));
    String url = text(body, "url", type != ChannelType.PAGERDUTY);
    if (url == null) {
      url = PAGERDUTY_URL;
    }
    url(url);
    String secret = text(body, "secret", type == ChannelType.PAGERDUTY);
    if (secret == null && type == ChannelType.WEBHOOK) {
      byte[] b = new byte[24];
      RANDOM.nextBytes(b);
      secret = HexFormat.of().formatHex(b);
    }
    if (secret != null && secret.length() > 512) {
      throw new InvalidRuleException("secret", "at most 512 characters");
    }
    return new Channel(
        id,
        projectId,
        name,
        type,
        url,
        secret,
        duration(body, "groupWait", Channel.DEFAULT_GROUP_WAIT, Duration.ZERO),
        duration(body, "groupInterval", Channel.DEFAULT_GROUP_INTERVAL, Duration.ofSeconds(1)),
        duration(body, "repeatInterval", Channel.DEFAULT_REPEAT_INTERVAL, Duration.ofMinutes(1)));
  }

  /** For storage: every field, the secret included. */
  public static String stored(Channel c) {
    ObjectNode o = publicJson(c);
    o.put("secret", c.secret());
    return o.toString();
  }

  /** A stored channel. */
  public static Channel fromStored(String body, String projectId) {
    try {
      JsonNode n = JSON.readTree(body);
      return new Channel(
          n.path("id").asText(),
          projectId,
          n.path("name").asText(),
          ChannelType.fromApiName(n.path("type").asText()).orElseThrow(),
          n.path("url").asText(),
          n.path("secret").isNull() ? null : n.path("secret").asText(null),
          Durations.parse(n.path("groupWait").asText("30s")),
          Durations.parse(n.path("groupInterval").asText("5m")),
          Durations.parse(n.path("repeatInterval").asText("4h")));
    } catch (java.io.IOException e) {
      throw new IllegalStateException("unreadable stored channel", e);
    }
  }

  /** For the API: no secret, only whether there is one. */
  public static ObjectNode publicJson(Channel c) {
    ObjectNode o = JSON.createObjectNode();
    o.put("id", c.id());
    o.put("name", c.name());
    o.put("type", c.type().apiName());
    o.put("url", c.url());
    o.put("hasSecret", c.secret() != null && !c.secret().isEmpty());
    o.put("groupWait", Durations.format(c.groupWait()));
    o.put("groupInterval", Durations.format(c.groupInterval()));
    o.put("repeatInterval", Durations.format(c.repeatInterval()));
    return o;
  }

  private static void url(String url) {
    try {
      URI u = new URI(url);
      if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
        throw new InvalidRuleException("url", "must be an http or https URL");
      }
    } catch (java.net.URISyntaxException e) {
      throw new InvalidRuleException("url", "not a URL: " + e.getReason());
    }
    if (url.length() > 2048) {
      throw new InvalidRuleException("url", "at most 2048 characters");
    }
  }

  private static String text(JsonNode body, String field, boolean required) {
    JsonNode n = body.get(field);
    if (n == null || n.isNull()) {
      if (required) {
        throw new InvalidRuleException(field, "is required");
      }
      return null;
    }
    if (!n.isTextual()) {
      throw new InvalidRuleException(field, "must be a string");
    }
    String s = n.asText().strip();
    if (s.isEmpty()) {
      if (required) {
        throw new InvalidRuleException(field, "must not be blank");
      }
      return null;
    }
    return s;
  }

  private static Duration duration(JsonNode body, String field, Duration dflt, Duration min) {
    String s = text(body, field, false);
    if (s == null) {
      return dflt;
    }
    Duration d;
    try {
      d = Durations.parse(s);
    } catch (IllegalArgumentException e) {
      throw new InvalidRuleException(field, e.getMessage());
    }
    if (d.compareTo(min) < 0 || d.compareTo(Duration.ofDays(7)) > 0) {
      throw new InvalidRuleException(field, "must be between " + Durations.format(min) + " and 7d");
    }
    return d;
  }
}
