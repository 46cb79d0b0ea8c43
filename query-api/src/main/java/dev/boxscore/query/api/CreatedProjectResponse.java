package dev.boxscore.query.api;

/** A new project with its first (admin) key, shown this once. */
public record CreatedProjectResponse(ProjectResponse project, CreatedKeyResponse adminKey) {}
