package dev.boxscore.storage.evaluators;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** The LLM-as-judge evaluators of each project, their runners' rounds, and the calls to judge. */
public interface EvaluatorStore {
  /** The project's evaluators, by id. */
  List<Evaluator> list(String projectId);

  Optional<Evaluator> find(String projectId, String evaluatorId);

  /** Every project's evaluators, by project and id. */
  List<ProjectEvaluator> all();

  /** Stores the evaluator (one with the same id is replaced). */
  void save(String projectId, Evaluator evaluator);

  /** Deletes it; false when the project has no such evaluator. */
  boolean delete(String projectId, String evaluatorId);

  /**
   * The project's LLM calls stored after {@code after} and at or before {@code until} that match
   * {@code filter}, in cursor order, at most {@code limit}.
   */
  List<JudgeCandidate> candidates(
      String projectId, EvaluatorFilter filter, JudgeCursor after, Instant until, int limit);

  /** Appends a round of the evaluator's runner. */
  void record(String projectId, String evaluatorId, JudgeRound round);

  /** Where the evaluator's runner stopped reading; empty when it never ran. */
  Optional<JudgeCursor> cursor(String projectId, String evaluatorId);

  /** The evaluator's work on one UTC day. */
  JudgeDay day(String projectId, String evaluatorId, LocalDate day);
}
