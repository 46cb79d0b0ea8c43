package dev.boxscore.storage.evaluators;

import dev.boxscore.storage.scores.ScoreDataType;
import java.time.Instant;
import java.util.List;

/**
 * An LLM-as-judge evaluator of one project: which calls it samples, how it asks the judge, and what
 * it may spend.
 *
 * @param id {@code eval_} and 16 hex digits
 * @param scoreName the name of the scores it writes
 * @param categories the allowed labels of a categorical score (empty otherwise)
 * @param template the judge's prompt, with {@code {{input}}}, {@code {{output}}} and {@code
 *     {{model}}} replaced by the judged call's
 * @param judgeKind {@code openai} (chat completions) or {@code anthropic} (messages)
 * @param baseUrl the judge endpoint's base URL (OpenAI: up to {@code /v1}; Anthropic: the host)
 * @param apiKey the judge's key; never answered by the API
 * @param samplingRate the share of matching calls judged, in (0, 1]
 * @param dailyBudgetUsd the judge's spend allowed per UTC day
 * @param maxCallsPerMinute judge calls allowed per minute
 * @param ingestKeyId the project key the runner exports the judge's own calls with (its id)
 * @param ingestKey that key's secret; never answered by the API
 * @param createdAt when it was created (stored calls ingested before are not judged)
 */
public record Evaluator(
    String id,
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
    boolean enabled,
    String ingestKeyId,
    String ingestKey,
    Instant createdAt) {}
