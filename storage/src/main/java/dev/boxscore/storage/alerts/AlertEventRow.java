package dev.boxscore.storage.alerts;

import java.time.Instant;

/**
 * One entry of the alert history: a state transition ({@code type = transition}: from, to, value)
 * or a delivery attempt ({@code type = delivery}: channel, notification, attempt, status).
 *
 * @param isFinal whether the attempt was the last of its notification (delivered or given up)
 */
public record AlertEventRow(
    Instant at,
    String eventId,
    String type,
    String ruleId,
    String ruleName,
    String groupJson,
    String fromState,
    String toState,
    Double value,
    String valuesJson,
    String channelId,
    String channelName,
    String notification,
    int attempt,
    boolean isFinal,
    String status,
    Integer httpStatus,
    String error) {
  public static final String TRANSITION = "transition";
  public static final String DELIVERY = "delivery";
}
