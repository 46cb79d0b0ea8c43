package dev.boxscore.query.service.judge;

import java.time.Instant;

/**
 * A judge call that failed for good (retries spent, or an error a retry cannot fix).
 *
 * @param errorType the OTel {@code error.type}: the HTTP status, or the exception's class name
 */
final class JudgeFailure extends Exception {
  private final String errorType;
  private final Instant start;
  private final Instant end;

  JudgeFailure(String errorType, String message, Instant start, Instant end) {
    super(message);
    this.errorType = errorType;
    this.start = start;
    this.end = end;
  }

  String errorType() {
    return errorType;
  }

  Instant start() {
    return start;
  }

  Instant end() {
    return end;
  }
}
