package dev.boxscore.query.api;

import java.time.Instant;
import java.time.LocalDate;

/**
 * What an evaluator's runner did today (UTC) and whether it is judging.
 *
 * @param paused null while judging; {@code disabled}, {@code budget} (today's spend reached the
 *     budget; it resumes tomorrow) or {@code rate} (this minute's judge calls are used up)
 * @param lastError today's latest judge error (an HTTP error after retries, an unreadable answer);
 *     null if none
 */
public record EvaluatorStatusResponse(
    LocalDate day,
    long judgedToday,
    long errorsToday,
    double spendTodayUsd,
    double budgetUsd,
    String paused,
    String lastError,
    Instant lastErrorAt) {}
