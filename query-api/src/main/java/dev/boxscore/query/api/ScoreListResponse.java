package dev.boxscore.query.api;

import java.util.List;

/** A page of scores, newest first; ask for the next with {@code offset + limit}. */
public record ScoreListResponse(List<ScoreResponse> scores, int limit, int offset) {}
