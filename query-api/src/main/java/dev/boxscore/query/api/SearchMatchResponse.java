package dev.boxscore.query.api;

import java.util.List;

/**
 * Where a full-text search matched a trace: the span, the field ({@code output}, {@code input},
 * {@code name} or {@code attribute}, then {@code key} names it), a snippet of the field around the
 * match, and the ranges of the snippet that match a searched phrase ({@code [start, end)} as UTF-16
 * indexes, so a browser can slice the string with them).
 */
public record SearchMatchResponse(
    String spanId, String field, String key, String snippet, List<List<Integer>> highlights) {}
