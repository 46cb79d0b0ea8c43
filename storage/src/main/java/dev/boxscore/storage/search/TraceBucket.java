package dev.boxscore.storage.search;

import java.time.Instant;

/** Traces matching a search that started in one bucket of time, and how many had an error. */
public record TraceBucket(Instant start, long traces, long errors) {}
