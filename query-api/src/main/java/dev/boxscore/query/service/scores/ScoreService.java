package dev.boxscore.query.service.scores;

import dev.boxscore.query.api.MetricsResponse;
import dev.boxscore.query.api.ScoreConfigListResponse;
import dev.boxscore.query.api.ScoreConfigResponse;
import dev.boxscore.query.api.ScoreListResponse;
import dev.boxscore.query.api.ScoreResponse;
import dev.boxscore.query.api.ScoresWrittenResponse;
import dev.boxscore.query.mapping.ScoreApiMapper;
import dev.boxscore.query.scope.ProjectScope;
import dev.boxscore.storage.analytics.Dimension;
import dev.boxscore.storage.analytics.RollupQuery;
import dev.boxscore.storage.scores.Score;
import dev.boxscore.storage.scores.ScoreAggregateQuery;
import dev.boxscore.storage.scores.ScoreConfig;
import dev.boxscore.storage.scores.ScoreQuery;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Scores and score configs of the caller's project. */
@ApplicationScoped
public class ScoreService {
  private final ProjectScope scope;

  ScoreService(ProjectScope scope) {
    this.scope = scope;
  }

  public ScoresWrittenResponse write(List<Score> scores) {
    scope.scores().write(scores);
    return new ScoresWrittenResponse(scores.size(), scores.stream().map(Score::id).toList());
  }

  public ScoreListResponse list(ScoreQuery query) {
    return new ScoreListResponse(
        scope.scores().list(query).stream().map(ScoreApiMapper::score).toList(),
        query.limit(),
        query.offset());
  }

  public List<ScoreResponse> forTrace(String traceId) {
    return scope.scores().forTrace(traceId).stream().map(ScoreApiMapper::score).toList();
  }

  public List<ScoreConfig> configs() {
    return scope.scores().configs();
  }

  public Optional<ScoreConfig> config(String id) {
    return scope.scores().config(id);
  }

  public ScoreConfigListResponse configList() {
    return new ScoreConfigListResponse(configs().stream().map(ScoreApiMapper::config).toList());
  }

  public ScoreConfigResponse saveConfig(ScoreConfig config) {
    scope.scores().saveConfig(config);
    return ScoreApiMapper.config(config);
  }

  /**
   * The metrics answer with each row's scores: one more query, grouped and bucketed as the rows (a
   * question over the whole range has one bucket, its start).
   */
  public MetricsResponse withScores(
      MetricsResponse metrics, RollupQuery query, String userId, String sessionId) {
    List<Dimension> groupBy = List.copyOf(query.groupBy());
    Duration bucket = query.bucket();
    var aggregates =
        scope
            .scores()
            .aggregates(
                new ScoreAggregateQuery(
                    query.from(),
                    query.to(),
                    query.filter(),
                    userId,
                    sessionId,
                    null,
                    groupBy,
                    bucket));
    return new MetricsResponse(
        metrics.from(),
        metrics.to(),
        metrics.bucketSeconds(),
        metrics.groupBy(),
        ScoreApiMapper.withScores(metrics.rows(), aggregates, groupBy));
  }
}
