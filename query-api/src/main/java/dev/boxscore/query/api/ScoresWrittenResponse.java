package dev.boxscore.query.api;

import java.util.List;

/** The ids of the scores stored, in the request's order (generated where none was given). */
public record ScoresWrittenResponse(int stored, List<String> ids) {}
