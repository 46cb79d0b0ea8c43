package dev.boxscore.auth;

/** A key just created: the only moment its secret exists outside the caller's hands. */
public record CreatedKey(String key, ApiKeyInfo info) {}
