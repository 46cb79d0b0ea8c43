package dev.boxscore.query.api;

import java.time.Instant;

/** How many calls one version served in the bucket starting at {@code bucket}. */
public record PromptTimelinePointResponse(Instant bucket, String version, long calls) {}
