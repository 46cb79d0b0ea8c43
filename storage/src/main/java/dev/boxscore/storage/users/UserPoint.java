package dev.boxscore.storage.users;

import java.time.Instant;

/** One user's calls, errors and cost in one bucket of time. */
public record UserPoint(Instant time, long calls, long errors, double costUsd) {}
