package dev.boxscore.query.api;

/** A new key: {@code key} is shown this once and cannot be retrieved again. */
public record CreatedKeyResponse(String key, KeyResponse info) {}
