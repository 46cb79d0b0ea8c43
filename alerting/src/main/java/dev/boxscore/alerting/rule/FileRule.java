package dev.boxscore.alerting.rule;

/** A rule from the rules file and the project it belongs to (a file serves every project). */
public record FileRule(String projectId, AlertRule rule) {}
