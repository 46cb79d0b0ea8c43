package dev.boxscore.storage;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One stored span: the row of the {@code spans} table. LLM columns are empty (blank strings, zeros,
 * nulls) when {@code isLlm} is false. Token counts are the truth; {@code costUsd} is the price of
 * those tokens as known at ingest, null when the model has no known price (analytics price tokens
 * at query time instead). When the provider reported no usage, {@code tokensEstimated} tells that
 * the token counts are Boxscore's estimate from the captured content ({@code usageReported} stays
 * false).
 */
public record SpanRow(
    String projectId,
    String traceId,
    String spanId,
    String parentSpanId,
    String name,
    String kind,
    String service,
    String scopeName,
    String scopeVersion,
    Instant startTime,
    long durationNanos,
    String statusCode,
    String statusMessage,
    Map<String, String> attributes,
    Map<String, String> resourceAttributes,
    String eventsJson,
    boolean isLlm,
    String llmProvider,
    String llmOperation,
    String requestModel,
    String responseModel,
    boolean usageReported,
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
    String llmInput,
    String llmOutput,
    Instant ingestedAt,
    boolean tokensEstimated) {

  /** A row whose token counts, if any, were reported by the provider. */
  public SpanRow(
      String projectId,
      String traceId,
      String spanId,
      String parentSpanId,
      String name,
      String kind,
      String service,
      String scopeName,
      String scopeVersion,
      Instant startTime,
      long durationNanos,
      String statusCode,
      String statusMessage,
      Map<String, String> attributes,
      Map<String, String> resourceAttributes,
      String eventsJson,
      boolean isLlm,
      String llmProvider,
      String llmOperation,
      String requestModel,
      String responseModel,
      boolean usageReported,
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
      String llmInput,
      String llmOutput,
      Instant ingestedAt) {
    this(
        projectId,
        traceId,
        spanId,
        parentSpanId,
        name,
        kind,
        service,
        scopeName,
        scopeVersion,
        startTime,
        durationNanos,
        statusCode,
        statusMessage,
        attributes,
        resourceAttributes,
        eventsJson,
        isLlm,
        llmProvider,
        llmOperation,
        requestModel,
        responseModel,
        usageReported,
        inputTokens,
        outputTokens,
        cacheReadTokens,
        cacheWriteTokens,
        reasoningTokens,
        costUsd,
        timeToFirstTokenMs,
        finishReasons,
        responseId,
        streaming,
        systemFingerprint,
        promptFingerprint,
        promptVersion,
        llmInput,
        llmOutput,
        ingestedAt,
        false);
  }

  /** Span kinds as stored; OTLP's SPAN_KIND_ prefix dropped. */
  public static final List<String> KINDS =
      List.of("UNSPECIFIED", "INTERNAL", "SERVER", "CLIENT", "PRODUCER", "CONSUMER");

  /** Status codes as stored; OTLP's STATUS_CODE_ prefix dropped. */
  public static final List<String> STATUS_CODES = List.of("UNSET", "OK", "ERROR");
}
