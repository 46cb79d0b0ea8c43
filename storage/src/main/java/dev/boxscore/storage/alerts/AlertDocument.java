package dev.boxscore.storage.alerts;

/**
 * One alerting document (a rule, channel or silence) as JSON; storage keeps its latest version.
 *
 * @param version orders the writes of one document: the highest wins
 */
public record AlertDocument(String id, String body, boolean deleted, long version) {}
