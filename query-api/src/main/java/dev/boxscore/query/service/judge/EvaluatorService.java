package dev.boxscore.query.service.judge;

import dev.boxscore.auth.CreatedKey;
import dev.boxscore.auth.Scope;
import dev.boxscore.auth.directory.KeyDirectory;
import dev.boxscore.query.api.EvaluatorListResponse;
import dev.boxscore.query.api.EvaluatorResponse;
import dev.boxscore.query.api.EvaluatorStatusResponse;
import dev.boxscore.query.mapping.EvaluatorApiMapper;
import dev.boxscore.query.scope.ProjectScope;
import dev.boxscore.storage.evaluators.Evaluator;
import dev.boxscore.storage.evaluators.JudgeDay;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;

/**
 * The caller's project's evaluators. Creating one also creates the project key its runner exports
 * the judge's own calls with (ingest scope, named after the evaluator, listed with the project's
 * keys); deleting it revokes that key.
 */
@ApplicationScoped
public class EvaluatorService {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final ProjectScope scope;
  private final Instance<KeyDirectory> directory;
  private final JudgeRunner runner;

  EvaluatorService(ProjectScope scope, Instance<KeyDirectory> directory, JudgeRunner runner) {
    this.scope = scope;
    this.directory = directory;
    this.runner = runner;
  }

  public EvaluatorListResponse list() {
    return new EvaluatorListResponse(
        scope.evaluators().list().stream().map(this::response).toList());
  }

  public Optional<EvaluatorResponse> find(String id) {
    return scope.evaluators().find(id).map(this::response);
  }

  /** The stored evaluator's settings, to apply an update to (its keys left out). */
  public Optional<Evaluator> stored(String id) {
    return scope.evaluators().find(id);
  }

  public EvaluatorResponse create(EvaluatorSettings s) {
    byte[] bytes = new byte[8];
    RANDOM.nextBytes(bytes);
    String id = "eval_" + HexFormat.of().formatHex(bytes);
    CreatedKey key =
        directory
            .get()
            .createKey(scope.projectId(), "llm-judge " + s.name(), Set.of(Scope.INGEST), null);
    Evaluator e =
        evaluator(
            id,
            s,
            s.apiKey(),
            key.info().keyId(),
            key.key(),
            Instant.now().truncatedTo(ChronoUnit.MILLIS));
    scope.evaluators().save(e);
    return response(e);
  }

  public Optional<EvaluatorResponse> update(String id, EvaluatorSettings s) {
    return scope
        .evaluators()
        .find(id)
        .map(
            old -> {
              Evaluator e =
                  evaluator(
                      id,
                      s,
                      s.apiKey() == null ? old.apiKey() : s.apiKey(),
                      old.ingestKeyId(),
                      old.ingestKey(),
                      old.createdAt());
              scope.evaluators().save(e);
              return response(e);
            });
  }

  public boolean delete(String id) {
    Optional<Evaluator> e = scope.evaluators().find(id);
    if (e.isEmpty() || !scope.evaluators().delete(id)) {
      return false;
    }
    directory.get().revokeKey(scope.projectId(), e.get().ingestKeyId());
    return true;
  }

  private static Evaluator evaluator(
      String id, EvaluatorSettings s, String apiKey, String keyId, String key, Instant created) {
    return new Evaluator(
        id,
        s.name(),
        s.scoreName(),
        s.dataType(),
        s.categories(),
        s.template(),
        s.judgeKind(),
        s.baseUrl(),
        s.model(),
        apiKey,
        s.filter(),
        s.samplingRate(),
        s.dailyBudgetUsd(),
        s.maxCallsPerMinute(),
        s.enabled(),
        keyId,
        key,
        created);
  }

  private EvaluatorResponse response(Evaluator e) {
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    JudgeDay day = scope.evaluators().day(e.id(), today);
    Pause paused;
    if (!e.enabled()) {
      paused = Pause.DISABLED;
    } else if (day.costUsd() >= e.dailyBudgetUsd()) {
      paused = Pause.BUDGET;
    } else {
      paused = runner.paused(e.id()).filter(p -> p == Pause.RATE).orElse(null);
    }
    return EvaluatorApiMapper.evaluator(
        e,
        new EvaluatorStatusResponse(
            today,
            day.judged(),
            day.errors(),
            day.costUsd(),
            e.dailyBudgetUsd(),
            paused == null ? null : paused.apiName(),
            day.lastError().isEmpty() ? null : day.lastError(),
            day.lastErrorAt()));
  }
}
