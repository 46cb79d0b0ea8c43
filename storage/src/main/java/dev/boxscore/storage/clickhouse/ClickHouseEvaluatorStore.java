package dev.boxscore.storage.clickhouse;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.GenericRecord;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.boxscore.storage.StorageException;
import dev.boxscore.storage.evaluators.Evaluator;
import dev.boxscore.storage.evaluators.EvaluatorFilter;
import dev.boxscore.storage.evaluators.EvaluatorStore;
import dev.boxscore.storage.evaluators.JudgeCandidate;
import dev.boxscore.storage.evaluators.JudgeCursor;
import dev.boxscore.storage.evaluators.JudgeDay;
import dev.boxscore.storage.evaluators.JudgeRound;
import dev.boxscore.storage.evaluators.ProjectEvaluator;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Evaluators in {@code evaluators} (migration 0080, settings as JSON), their runners' rounds in
 * {@code judge_rounds} (0081), and the calls to judge read from {@code spans}.
 */
final class ClickHouseEvaluatorStore implements EvaluatorStore {
  // A call that started this long before the cursor is not judged: it bounds the scan of spans.
  private static final int MAX_CALL_AGE_HOURS = 48;

  // createdAt lives in its column; a setting added later reads as its default from older rows.
  private static final ObjectMapper JSON =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /** The stored settings: the evaluator without its created_at (a column of its own). */
  private record Settings(
      String name,
      String scoreName,
      dev.boxscore.storage.scores.ScoreDataType dataType,
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
      String ingestKey) {}

  private final BoundStatements client;

  ClickHouseEvaluatorStore(Client client) {
    this.client = new BoundStatements(client);
  }

  @Override
  public List<Evaluator> list(String projectId) {
    List<Evaluator> out = new ArrayList<>();
    for (GenericRecord r :
        query(EvaluatorQueries.LIST_EVALUATORS, Map.of("project", projectId), "evaluators")) {
      out.add(evaluator(r));
    }
    return out;
  }

  @Override
  public Optional<Evaluator> find(String projectId, String evaluatorId) {
    return list(projectId).stream().filter(e -> e.id().equals(evaluatorId)).findFirst();
  }

  @Override
  public List<ProjectEvaluator> all() {
    List<ProjectEvaluator> out = new ArrayList<>();
    for (GenericRecord r : query(EvaluatorQueries.LIST_ALL_EVALUATORS, Map.of(), "evaluators")) {
      out.add(new ProjectEvaluator(r.getString("project_id"), evaluator(r)));
    }
    return out;
  }

  @Override
  public void save(String projectId, Evaluator evaluator) {
    write(projectId, evaluator, false);
  }

  @Override
  public boolean delete(String projectId, String evaluatorId) {
    Optional<Evaluator> found = find(projectId, evaluatorId);
    found.ifPresent(e -> write(projectId, e, true));
    return found.isPresent();
  }

  private void write(String projectId, Evaluator e, boolean deleted) {
    try {
      Settings s =
          new Settings(
              e.name(),
              e.scoreName(),
              e.dataType(),
              e.categories(),
              e.template(),
              e.judgeKind(),
              e.baseUrl(),
              e.model(),
              e.apiKey(),
              e.filter(),
              e.samplingRate(),
              e.dailyBudgetUsd(),
              e.maxCallsPerMinute(),
              e.enabled(),
              e.ingestKeyId(),
              e.ingestKey());
      client.execute(
          EvaluatorQueries.INSERT_EVALUATOR,
          Map.of(
              "project", projectId,
              "id", e.id(),
              "settings", JSON.writeValueAsString(s),
              "created_ms", e.createdAt().toEpochMilli(),
              "updated_ms", Instant.now().toEpochMilli(),
              "deleted", deleted ? 1 : 0));
    } catch (Exception ex) {
      throw new StorageException("saving an evaluator failed", ClickHouseStorage.unwrap(ex));
    }
  }

  private static Evaluator evaluator(GenericRecord r) {
    Settings s;
    try {
      s = JSON.readValue(r.getString("settings"), Settings.class);
    } catch (JsonProcessingException e) {
      throw new StorageException("a stored evaluator has unreadable settings", e);
    }
    return new Evaluator(
        r.getString("evaluator_id"),
        s.name(),
        s.scoreName(),
        s.dataType(),
        s.categories() == null ? List.of() : s.categories(),
        s.template(),
        s.judgeKind(),
        s.baseUrl(),
        s.model(),
        s.apiKey(),
        s.filter() == null ? EvaluatorFilter.ANY : s.filter(),
        s.samplingRate(),
        s.dailyBudgetUsd(),
        s.maxCallsPerMinute(),
        s.enabled(),
        s.ingestKeyId(),
        s.ingestKey(),
        r.getInstant("created_at"));
  }

  @Override
  public List<JudgeCandidate> candidates(
      String projectId, EvaluatorFilter filter, JudgeCursor after, Instant until, int limit) {
    Map<String, Object> p = new HashMap<>();
    p.put("project", projectId);
    p.put("after_ms", after.ingestedAt().toEpochMilli());
    p.put("after_trace", after.traceId());
    p.put("after_span", after.spanId());
    p.put("until_ms", until.toEpochMilli());
    p.put("max_age_hours", MAX_CALL_AGE_HOURS);
    p.put("service", filter.service());
    p.put("model", filter.model());
    p.put("prompt_version", filter.promptVersion());
    p.put("limit", limit);
    List<JudgeCandidate> out = new ArrayList<>();
    for (GenericRecord r : query(EvaluatorQueries.JUDGE_CANDIDATES, p, "calls to judge")) {
      out.add(
          new JudgeCandidate(
              r.getString("trace_id"),
              r.getString("span_id"),
              r.getInstant("start_time"),
              r.getString("service"),
              r.getString("llm_provider"),
              r.getString("request_model"),
              r.getString("response_model"),
              r.getString("prompt_fingerprint"),
              r.getString("prompt_version"),
              r.getString("user_id"),
              r.getString("llm_input"),
              r.getString("llm_output"),
              r.getInstant("ingested_at")));
    }
    return out;
  }

  @Override
  public void record(String projectId, String evaluatorId, JudgeRound round) {
    Map<String, Object> p = new HashMap<>();
    p.put("project", projectId);
    p.put("evaluator", evaluatorId);
    p.put("at_ms", round.at().toEpochMilli());
    p.put("judged", round.judged());
    p.put("errors", round.errors());
    p.put("cost", round.costUsd());
    p.put("last_error", round.lastError());
    p.put("cursor_ms", round.cursor().ingestedAt().toEpochMilli());
    p.put("cursor_trace", round.cursor().traceId());
    p.put("cursor_span", round.cursor().spanId());
    try {
      client.execute(EvaluatorQueries.INSERT_JUDGE_ROUND, p);
    } catch (Exception e) {
      throw new StorageException("recording a judge round failed", ClickHouseStorage.unwrap(e));
    }
  }

  @Override
  public Optional<JudgeCursor> cursor(String projectId, String evaluatorId) {
    List<GenericRecord> rows =
        query(
            EvaluatorQueries.JUDGE_CURSOR,
            Map.of("project", projectId, "evaluator", evaluatorId),
            "the judge cursor");
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    GenericRecord r = rows.get(0);
    return Optional.of(
        new JudgeCursor(
            r.getInstant("cursor_ingested_at"),
            r.getString("cursor_trace_id"),
            r.getString("cursor_span_id")));
  }

  @Override
  public JudgeDay day(String projectId, String evaluatorId, LocalDate day) {
    List<GenericRecord> rows =
        query(
            EvaluatorQueries.JUDGE_DAY,
            Map.of("project", projectId, "evaluator", evaluatorId, "day", day.toString()),
            "the judge's day");
    if (rows.isEmpty()) {
      return JudgeDay.NONE;
    }
    GenericRecord r = rows.get(0);
    String lastError = r.getString("day_last_error");
    boolean errored = lastError != null && !lastError.isEmpty();
    return new JudgeDay(
        r.getLong("day_judged"),
        r.getLong("day_errors"),
        r.getDouble("day_cost_usd"),
        errored ? lastError : "",
        errored ? r.getInstant("day_last_error_at") : null);
  }

  private List<GenericRecord> query(String sql, Map<String, Object> params, String what) {
    try {
      return client.queryAll(sql, params);
    } catch (RuntimeException e) {
      throw new StorageException("reading " + what + " failed", e);
    }
  }
}
