package dev.boxscore.query.service.judge;

import java.time.Instant;

/**
 * What the judge answered, with its reported usage and how many requests it took (retries
 * included).
 */
record JudgeAnswer(
    String text,
    long inputTokens,
    long outputTokens,
    String responseModel,
    Instant start,
    Instant end,
    int attempts) {}
