package dev.boxscore.storage.scores;

import java.time.Instant;

/**
 * One score, stored once per {@code id} (a later write of the same id replaces it).
 *
 * @param id the client's idempotency key
 * @param target what it judges; {@code traceId} is set for span and trace targets, {@code spanId}
 *     for span targets, {@code sessionId} for session targets
 * @param responseId a {@code gen_ai.response.id} naming the judged call instead of its span; "" if
 *     none
 * @param value the number (boolean: 1 or 0; categorical: optional); null for text
 * @param stringValue the category or text ("true"/"false" for booleans); "" if none
 * @param time when the score was made
 * @param call the judged call when known (else found later from the target); null if not yet
 */
public record Score(
    String id,
    ScoreTarget target,
    String traceId,
    String spanId,
    String sessionId,
    String responseId,
    String name,
    ScoreDataType dataType,
    Double value,
    String stringValue,
    String comment,
    ScoreSource source,
    String author,
    String configId,
    Instant time,
    JudgedCall call) {}
