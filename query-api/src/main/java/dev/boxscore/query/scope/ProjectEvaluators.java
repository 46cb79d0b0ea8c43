package dev.boxscore.query.scope;

import dev.boxscore.storage.evaluators.Evaluator;
import dev.boxscore.storage.evaluators.EvaluatorStore;
import dev.boxscore.storage.evaluators.JudgeDay;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** The LLM-as-judge evaluators of one project: the store with the project fixed when made. */
public final class ProjectEvaluators {
  private final EvaluatorStore store;
  private final String projectId;

  ProjectEvaluators(EvaluatorStore store, String projectId) {
    this.store = store;
    this.projectId = projectId;
  }

  public List<Evaluator> list() {
    return store.list(projectId);
  }

  public Optional<Evaluator> find(String evaluatorId) {
    return store.find(projectId, evaluatorId);
  }

  public void save(Evaluator evaluator) {
    store.save(projectId, evaluator);
  }

  public boolean delete(String evaluatorId) {
    return store.delete(projectId, evaluatorId);
  }

  /** What the evaluator's runner did on one UTC day. */
  public JudgeDay day(String evaluatorId, LocalDate day) {
    return store.day(projectId, evaluatorId, day);
  }
}
