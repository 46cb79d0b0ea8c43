package dev.boxscore.alerting.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** Fixtures: alerts of the "checkout p95 latency" rule and channels with the default timers. */
final class TestAlerts {
  static final Instant T0 = Instant.parse("2026-12-07T14:00:00Z");
  static final String RULE = "checkout p95 latency";
  static final String GROUP = "{}:{rule_id=\"rul_7f3a9c2e4b1d\"}";
  static final String EXTERNAL = "https://boxscore.example.com";
  static final String SECRET = "s3cr3t-key";

  private TestAlerts() {}

  static Alert firing(String fingerprint, String model) {
    return new Alert(
        fingerprint,
        true,
        Map.of(
            "alertname", RULE,
            "rule_id", "rul_7f3a9c2e4b1d",
            "severity", "critical",
            "model", model,
            "service", "checkout",
            "kind", "threshold",
            "team", "payments"),
        Map.of("summary", "Checkout is slow", "runbook_url", "https://runbooks.example.com/1"),
        Map.of("value", "2310.5", "threshold", "2000", "window", "10m", "calls", "57"),
        T0.minusSeconds(600),
        null,
        "/#/traces?model=" + model + "&service=checkout&range=1h");
  }

  static Alert resolved(Alert a, Instant endsAt) {
    return new Alert(
        a.fingerprint(),
        false,
        a.labels(),
        a.annotations(),
        a.values(),
        a.startsAt(),
        endsAt,
        a.generatorUrl());
  }

  static Channel channel(ChannelType type, String url) {
    return channel(type, url, SECRET);
  }

  static Channel channel(ChannelType type, String url, String secret) {
    return new Channel(
        "chn_1a2b3c4d5e6f",
        "prj_1",
        "ops " + type.apiName(),
        type,
        url,
        secret,
        Duration.ofSeconds(30),
        Duration.ofMinutes(5),
        Duration.ofHours(4));
  }
}
