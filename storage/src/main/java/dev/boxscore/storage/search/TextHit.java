package dev.boxscore.storage.search;

/**
 * Where a trace matched a full-text search: the first span (in start order) whose text contains the
 * first phrase searched, and up to a few hundred characters of that text around it.
 *
 * @param field "name", "input", "output" or "attribute"
 * @param key the attribute's name when field is "attribute"; null otherwise
 */
public record TextHit(String spanId, String field, String key, String excerpt) {}
