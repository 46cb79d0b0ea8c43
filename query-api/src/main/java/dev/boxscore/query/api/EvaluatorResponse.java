package dev.boxscore.query.api;

import java.time.Instant;
import java.util.List;

/**
 * An LLM-as-judge evaluator as the API shows it: its settings without the judge's API key ({@code
 * apiKeySet} says one is stored) and without its ingest key's secret, and its runner's status.
 */
public record EvaluatorResponse(
    String id,
    String name,
    String scoreName,
    String dataType,
    List<String> categories,
    String template,
    String judgeKind,
    String baseUrl,
    String model,
    boolean apiKeySet,
    EvaluatorFilterResponse filter,
    double samplingRate,
    double dailyBudgetUsd,
    int maxCallsPerMinute,
    boolean enabled,
    String ingestKeyId,
    Instant createdAt,
    EvaluatorStatusResponse status) {}
