package dev.boxscore.query.mapping;

import dev.boxscore.query.api.EvaluatorFilterResponse;
import dev.boxscore.query.api.EvaluatorResponse;
import dev.boxscore.query.api.EvaluatorStatusResponse;
import dev.boxscore.storage.evaluators.Evaluator;

/** Evaluators as the API shows them: never their keys' secrets. */
public final class EvaluatorApiMapper {
  private EvaluatorApiMapper() {}

  public static EvaluatorResponse evaluator(Evaluator e, EvaluatorStatusResponse status) {
    return new EvaluatorResponse(
        e.id(),
        e.name(),
        e.scoreName(),
        e.dataType().apiName(),
        e.categories(),
        e.template(),
        e.judgeKind(),
        e.baseUrl(),
        e.model(),
        e.apiKey() != null && !e.apiKey().isEmpty(),
        new EvaluatorFilterResponse(
            e.filter().service(), e.filter().model(), e.filter().promptVersion()),
        e.samplingRate(),
        e.dailyBudgetUsd(),
        e.maxCallsPerMinute(),
        e.enabled(),
        e.ingestKeyId(),
        e.createdAt(),
        status);
  }
}
