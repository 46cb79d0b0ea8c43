package dev.boxscore.alerting.notify;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * One POST of a notification: a whole group for webhook and Slack, one alert for PagerDuty.
 *
 * @param fingerprints the alerts it carries, for the delivery report
 */
record OutgoingRequest(
    URI url,
    byte[] body,
    Map<String, String> headers,
    List<String> fingerprints,
    NotificationKind kind) {}
