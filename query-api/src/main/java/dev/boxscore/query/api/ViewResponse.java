package dev.boxscore.query.api;

import java.time.Instant;

/** A saved view of the trace explorer: a name and a search query. */
public record ViewResponse(String id, String name, String q, Instant createdAt) {}
