package dev.boxscore.storage.prompts;

import java.time.Instant;

/**
 * When one prompt fingerprint / version served calls in a range, at minute precision (the
 * rollup's): {@code firstSeen} is the first minute with a call, {@code lastSeen} the last. An empty
 * string is a fingerprint or version the calls did not name.
 */
public record PromptSeen(
    String fingerprint, String version, Instant firstSeen, Instant lastSeen, long calls) {}
