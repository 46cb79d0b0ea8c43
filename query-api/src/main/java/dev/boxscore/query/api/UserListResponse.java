package dev.boxscore.query.api;

import java.util.List;

/** End users, sorted as asked. */
public record UserListResponse(List<UserResponse> users) {}
