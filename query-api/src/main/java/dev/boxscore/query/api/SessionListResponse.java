package dev.boxscore.query.api;

import java.util.List;

/** Conversations, the latest first. */
public record SessionListResponse(List<SessionResponse> sessions) {}
