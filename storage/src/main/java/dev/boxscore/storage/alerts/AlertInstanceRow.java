package dev.boxscore.storage.alerts;

import java.time.Instant;

/** The stored state of one alert (rule and group); group and values are JSON objects of strings. */
public record AlertInstanceRow(
    String ruleId,
    String groupKey,
    String groupJson,
    String state,
    Instant since,
    Instant activeAt,
    Instant firedAt,
    Instant resolvedAt,
    Instant lastTrueAt,
    Instant evaluatedAt,
    Double value,
    String valuesJson,
    String error,
    boolean deleted) {}
