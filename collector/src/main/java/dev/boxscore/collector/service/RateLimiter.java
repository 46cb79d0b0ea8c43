package dev.boxscore.collector.service;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Requests per second per API key, as token buckets holding one second of requests: a key may burst
 * up to its rate and is refilled continuously. Per collector process (a deployment of N collectors
 * allows up to N times the rate).
 */
final class RateLimiter {
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  /** Zero when the request may go now, else the whole seconds until it may. */
  int acquire(String key, int perSecond) {
    return buckets.computeIfAbsent(key, k -> new Bucket()).acquire(perSecond, System.nanoTime());
  }

  private static final class Bucket {
    private double tokens = -1;
    private long last;

    synchronized int acquire(int perSecond, long now) {
      if (tokens < 0) {
        tokens = perSecond;
      } else {
        tokens = Math.min(perSecond, tokens + (now - last) / 1e9 * perSecond);
      }
      last = now;
      if (tokens >= 1) {
        tokens -= 1;
        return 0;
      }
      return (int) Math.max(1, Math.ceil((1 - tokens) / perSecond));
    }
  }
}
