package dev.boxscore.query.scope;

import dev.boxscore.auth.directory.KeyDirectory;
import dev.boxscore.query.rest.Caller;
import dev.boxscore.storage.TraceReader;
import dev.boxscore.storage.clickhouse.ClickHouseStorage;
import dev.boxscore.storage.prompts.PromptReader;
import dev.boxscore.storage.users.UserReader;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Instance;

/**
 * The only way the query API reaches storage: readers made here are bound to the authenticated
 * caller's project, and readers take no project argument, so no endpoint can forget the filter or
 * pass another project. {@code OnlyProjectScopeReachesStorageTest} fails the build when any other
 * class of the query API uses {@link ClickHouseStorage}. A new reader (analytics, search, ...) is
 * added to storage as a type whose project is fixed at construction ({@code
 * storage.xxxReader(projectId)}) and exposed here as one more method.
 */
@RequestScoped
public class ProjectScope {
  private final Instance<ClickHouseStorage> storage;
  private final Instance<KeyDirectory> directory;
  private final Caller caller;

  ProjectScope(
      Instance<ClickHouseStorage> storage, Instance<KeyDirectory> directory, Caller caller) {
    this.storage = storage;
    this.directory = directory;
    this.caller = caller;
  }

  /** The caller's project. */
  public String projectId() {
    return caller.projectId();
  }

  public TraceReader traces() {
    return storage.get().traceReader(caller.projectId());
  }

  /** Cost, usage, latency and drift figures of the caller's project. */
  public ProjectAnalytics analytics() {
    return new ProjectAnalytics(storage.get().analyticsReader(), caller.projectId());
  }

  /** The caller's project's alerting rules, channels, silences, alert states and history. */
  public ProjectAlerts alerts() {
    return new ProjectAlerts(storage.get().alertStore(), caller.projectId());
  }

  /** The end users and conversations of the caller's project. */
  public UserReader users() {
    return storage.get().userReader(caller.projectId());
  }

  /** When the caller's project's prompt versions were seen, and their captured templates. */
  public PromptReader prompts() {
    return storage.get().promptReader(caller.projectId());
  }

  /** The caller's project's saved views. */
  public ProjectViews views() {
    return new ProjectViews(storage.get().viewStore(), caller.projectId());
  }

  /** The caller's project's scores and score configs (scores kept for the project's retention). */
  public ProjectScores scores() {
    return new ProjectScores(
        storage.get().scoreStore(project -> directory.get().retentionDays(project)),
        storage.get().scoreConfigStore(),
        caller.projectId());
  }

  /** The caller's project's LLM-as-judge evaluators. */
  public ProjectEvaluators evaluators() {
    return new ProjectEvaluators(storage.get().evaluatorStore(), caller.projectId());
  }

  /** The caller's project's own prices. */
  public ProjectPrices prices() {
    return new ProjectPrices(storage.get().priceStore(), caller.projectId());
  }
}
