package dev.boxscore.storage.views;

import java.time.Instant;

/** A named search of the trace explorer ({@code query} in the search grammar). */
public record SavedView(String id, String name, String query, Instant createdAt) {}
