package dev.boxscore.storage.scores;

import dev.boxscore.storage.analytics.CallFilter;
import dev.boxscore.storage.analytics.RepeatingWindow;
import java.time.Instant;
import java.util.List;

/** Scores: written once per id, read per trace, listed, aggregated and sampled. */
public interface ScoreStore {
  /**
   * Stores the scores in one insert; a score whose id is stored already replaces it. A score
   * without its {@link Score#call()} is attributed to its call by {@link #resolvePending}.
   */
  void write(String projectId, List<Score> scores);

  /** The scores of one trace (its calls' and its own), oldest first. */
  List<Score> forTrace(String projectId, String traceId);

  List<Score> list(String projectId, ScoreQuery query);

  List<ScoreAggregate> aggregates(String projectId, ScoreAggregateQuery query);

  /**
   * The numeric, boolean and categorical scores of the calls that started in [from, to) and match
   * {@code filter}, at most {@code maxPerName} per score name (a reproducible sample).
   */
  List<ScoreSample> samples(
      String projectId, Instant from, Instant to, CallFilter filter, String name, int maxPerName);

  /**
   * {@link #samples} of each of {@code windows} in one read: window after window, each window's
   * scores as {@link #samples} returns them for it alone.
   */
  List<ScoreSample> samples(
      String projectId, RepeatingWindow windows, CallFilter filter, String name, int maxPerName);

  /**
   * Attributes every project's pending scores (stored without their call) whose call is now stored:
   * at most {@code limit} per kind of target, of the last {@code days} days.
   *
   * @return how many scores were pending before the run
   */
  long resolvePending(int limit, int days);
}
