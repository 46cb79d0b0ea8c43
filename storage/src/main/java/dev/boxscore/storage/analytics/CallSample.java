package dev.boxscore.storage.analytics;

import java.time.Instant;
import java.util.List;

/** One raw LLM call, as drift tests need it. {@code ttftMs} is null when unknown. */
public record CallSample(
    Instant start,
    double durationMs,
    Double ttftMs,
    boolean error,
    boolean hasTokens,
    boolean estimated,
    TokenSums tokens,
    List<String> finishReasons,
    String provider,
    String requestModel,
    String responseModel) {}
