package dev.boxscore.query.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * One end user's LLM calls in a range. {@code costUsd} is at the project's prices ({@code
 * unpricedCalls} had no price); {@code series} only on a single user's answer.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UserResponse(
    String userId,
    long calls,
    long traces,
    long sessions,
    long inputTokens,
    long outputTokens,
    BigDecimal costUsd,
    long unpricedCalls,
    long errors,
    Instant firstSeen,
    Instant lastSeen,
    List<UserPointResponse> series) {}
