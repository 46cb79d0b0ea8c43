package dev.boxscore.query.api;

import java.util.List;

/** The keys of the caller's project, revoked ones included. */
public record KeyListResponse(List<KeyResponse> keys) {}
