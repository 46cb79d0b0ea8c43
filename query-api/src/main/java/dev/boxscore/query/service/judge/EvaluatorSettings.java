package dev.boxscore.query.service.judge;

import dev.boxscore.storage.evaluators.EvaluatorFilter;
import dev.boxscore.storage.scores.ScoreDataType;
import java.util.List;

/**
 * An evaluator's settings as checked by the API.
 *
 * @param apiKey the judge's key; null on an update that keeps the stored one
 */
public record EvaluatorSettings(
    String name,
    String scoreName,
    ScoreDataType dataType,
    List<String> categories,
    String template,
    String judgeKind,
    String baseUrl,
    String model,
    String apiKey,
    EvaluatorFilter filter,
    double samplingRate,
    double dailyBudgetUsd,
    int maxCallsPerMinute,
    boolean enabled) {}
