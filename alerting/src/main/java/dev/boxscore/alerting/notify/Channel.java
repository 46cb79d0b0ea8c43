package dev.boxscore.alerting.notify;

import java.time.Duration;

/**
 * Where notifications go, and Alertmanager's grouping timers for it (defaults 30 s, 5 min, 4 h).
 *
 * @param url the webhook, Slack incoming-webhook or PagerDuty events URL
 * @param secret webhook: the HMAC-SHA256 key; pagerduty: the routing (integration) key
 */
public record Channel(
    String id,
    String projectId,
    String name,
    ChannelType type,
    String url,
    String secret,
    Duration groupWait,
    Duration groupInterval,
    Duration repeatInterval) {
  public static final Duration DEFAULT_GROUP_WAIT = Duration.ofSeconds(30);
  public static final Duration DEFAULT_GROUP_INTERVAL = Duration.ofMinutes(5);
  public static final Duration DEFAULT_REPEAT_INTERVAL = Duration.ofHours(4);
}
