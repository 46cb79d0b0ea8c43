package dev.boxscore.query.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.List;

/**
 * The normalized LLM view of a span. {@code input} / {@code output} are message arrays in the GenAI
 * form ({@code [{"role":"user","parts":[{"type":"text","content":"..."}]}]}), null when content was
 * not captured; {@code costUsd} is computed when asked, from the stored tokens and the project's
 * price valid on the call's day ({@code price}, with its origin: the project's own or the built-in
 * one); both are null when the model has no known price or the call has no token counts. {@code
 * tokensEstimated}: the provider reported no usage and the token counts are Boxscore's estimate
 * from the captured content.
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
    PriceResponse price,
    Double timeToFirstTokenMs,
    List<String> finishReasons,
    String responseId,
    Boolean streaming,
    String systemFingerprint,
    String promptFingerprint,
    String promptVersion,
    JsonNode input,
    JsonNode output) {}
