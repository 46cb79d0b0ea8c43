package dev.boxscore.alerting.notify;

/**
 * Told of every delivery attempt, on the delivery thread: implementations should be quick and must
 * not block (hand slow writes to their own queue).
 */
@FunctionalInterface
public interface DeliveryListener {
  DeliveryListener NONE = attempt -> {};

  void attempted(DeliveryAttempt attempt);
}
