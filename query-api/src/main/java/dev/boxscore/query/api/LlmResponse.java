package dev.boxscore.query.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.List;

/**
 * The normalized LLM view of a span. {@code input} / {@code output} are message arrays in the GenAI form
 * ({@code [{"role":"user","parts":[{"type":"text","content":"..."}]}]}), null when content was not captured;
 * {@code costUsd} is null when the model has no known price. {@code tokensEstimated}: the provider reported no
 * usage and the token counts are Boxscore's estimate from the captured content.
 */
public record LlmResponse(
    String provider,
    String operation,
    String requestModel,
    String responseModel,
    boolean usageReported,
    boolean tokensEstimated,
    long inputTokens,
    long outputTokens,
    long cacheReadTokens,
    long cacheWriteTokens,
    long reasoningTokens,
    BigDecimal costUsd,
    Double timeToFirstTokenMs,
    List<String> finishReasons,
    String responseId,
    Boolean streaming,
    String systemFingerprint,
    String promptFingerprint,
    String promptVersion,
    JsonNode input,
    JsonNode output) {}
