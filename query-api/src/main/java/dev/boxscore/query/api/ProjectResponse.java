package dev.boxscore.query.api;

import java.time.Instant;

/** A project and its span retention. */
public record ProjectResponse(String id, String name, int retentionDays, Instant createdAt) {}
