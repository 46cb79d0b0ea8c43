package dev.boxscore.alerting.notify;

/**
 * What {@code POST /alerts/channels/{id}/test} answers.
 *
 * @param httpStatus null when the receiver gave no answer or the channel is misconfigured
 * @param error null on success
 */
public record DeliveryResult(DeliveryStatus status, Integer httpStatus, String error) {}
