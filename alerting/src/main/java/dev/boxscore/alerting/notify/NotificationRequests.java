package dev.boxscore.alerting.notify;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Turns a notification into the POSTs its channel type needs, or says what is misconfigured. */
final class NotificationRequests {
  private NotificationRequests() {}

  /**
   * @throws IllegalArgumentException when the channel cannot be sent to (no URL, no secret); the
   *     message starts with the field, as the API's errors do
   */
  static List<OutgoingRequest> build(Notification n, String externalUrl) {
    Channel c = n.channel();
    if (c.type() == null) {
      throw new IllegalArgumentException("type: missing");
    }
    List<OutgoingRequest> requests = new ArrayList<>();
    switch (c.type()) {
      case WEBHOOK -> {
        if (c.secret() == null || c.secret().isEmpty()) {
          // Unsigned deliveries would teach receivers to skip verification: refuse instead.
          throw new IllegalArgumentException("secret: missing, webhook deliveries must be signed");
        }
        byte[] body = AlertmanagerWebhook.body(c, n.groupKey(), n.alerts(), externalUrl);
        requests.add(
            new OutgoingRequest(
                url(c.url()),
                body,
                Map.of(WebhookSignature.HEADER, WebhookSignature.sign(c.secret(), body)),
                fingerprints(n.alerts()),
                AlertmanagerWebhook.status(n.alerts())));
      }
      case SLACK ->
          requests.add(
              new OutgoingRequest(
                  url(c.url()),
                  SlackMessage.body(c, n.groupKey(), n.alerts(), externalUrl),
                  Map.of(),
                  fingerprints(n.alerts()),
                  AlertmanagerWebhook.status(n.alerts())));
      case PAGERDUTY -> {
        if (c.secret() == null || c.secret().isBlank()) {
          throw new IllegalArgumentException("secret: missing, PagerDuty needs the routing key");
        }
        URI url = url(c.url() == null || c.url().isBlank() ? PagerDutyEvent.DEFAULT_URL : c.url());
        for (Alert a : n.changed()) {
          requests.add(
              new OutgoingRequest(
                  url,
                  PagerDutyEvent.body(c, a, externalUrl),
                  Map.of(),
                  List.of(a.fingerprint()),
                  a.firing() ? NotificationKind.FIRING : NotificationKind.RESOLVED));
        }
      }
    }
    return requests;
  }

  private static URI url(String url) {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("url: missing");
    }
    URI uri;
    try {
      uri = URI.create(url.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("url: not a URL: " + e.getMessage());
    }
    String scheme = uri.getScheme();
    if (!"https".equalsIgnoreCase(scheme) && !"http".equalsIgnoreCase(scheme)
        || uri.getHost() == null) {
      throw new IllegalArgumentException("url: must be an http(s) URL with a host");
    }
    return uri;
  }

  private static List<String> fingerprints(List<Alert> alerts) {
    return alerts.stream().map(Alert::fingerprint).toList();
  }
}
