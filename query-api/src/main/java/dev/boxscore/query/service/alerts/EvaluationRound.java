package dev.boxscore.query.service.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.boxscore.alerting.rule.AlertRule;
import dev.boxscore.alerting.state.AlertInstance;
import dev.boxscore.alerting.state.AlertState;
import dev.boxscore.alerting.state.GroupKeys;
import dev.boxscore.alerting.state.Observation;
import dev.boxscore.alerting.state.StateMachine;
import dev.boxscore.alerting.state.Step;
import dev.boxscore.query.config.QueryConfig;
import dev.boxscore.query.scope.AlertingStore;
import dev.boxscore.storage.StorageException;
import dev.boxscore.storage.alerts.AlertEventRow;
import dev.boxscore.storage.alerts.AlertInstanceRow;
import dev.boxscore.storage.alerts.AlertStore;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * One evaluation round at a given instant: every due rule of every project is evaluated, its alerts
 * move through the {@link StateMachine}, states and transitions are stored, and each rule's alerts
 * are handed to delivery. The instant is a parameter, so tests drive rounds with their own clock
 * over stored traffic; the {@link AlertScheduler} runs rounds on the wall clock while this process
 * is the evaluator.
 */
@ApplicationScoped
public class EvaluationRound {
  private static final Logger LOG = Logger.getLogger(EvaluationRound.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, String>> STRINGS = new TypeReference<>() {};

  private final AlertingStore storage;
  private final RuleBook rules;
  private final RuleEvaluator evaluator;
  private final ProjectContext context;
  private final AlertDelivery delivery;
  private final Duration resolvedRetention;
  private final ExecutorService queries;

  /** When each rule (project/rule id) was last evaluated by this process. */
  private final Map<String, Instant> lastEvaluated = new ConcurrentHashMap<>();

  EvaluationRound(
      AlertingStore storage,
      RuleBook rules,
      RuleEvaluator evaluator,
      ProjectContext context,
      AlertDelivery delivery,
      QueryConfig config) {
    this.storage = storage;
    this.rules = rules;
    this.evaluator = evaluator;
    this.context = context;
    this.delivery = delivery;
    this.resolvedRetention = config.alerts().resolvedRetention();
    AtomicInteger threads = new AtomicInteger();
    this.queries =
        Executors.newFixedThreadPool(
            config.alerts().parallelism(),
            r -> {
              Thread t = new Thread(r, "alert-rule-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  @PreDestroy
  void close() {
    queries.shutdownNow();
  }

  /** What a round did: for the evaluator's own metrics and the benchmark. */
  public record Result(int projects, int rulesEvaluated, int transitions, long millis) {}

  /** Evaluates every due rule of every project at {@code now}. */
  public Result run(Instant now) {
    long started = System.nanoTime();
    AlertStore store = storage.store();
    Set<String> projects = rules.projects(store);
    int evaluated = 0;
    int transitions = 0;
    for (String project : projects) {
      try {
        int[] counts = runProject(store, project, now);
        evaluated += counts[0];
        transitions += counts[1];
      } catch (RuntimeException e) {
        // One project's failure (its state unreadable, a write refused) must not stop the others';
        // its rules are due again next round.
        LOG.warnf("alert evaluation of project %s failed: %s", project, e.getMessage());
      }
    }
    return new Result(
        projects.size(),
        evaluated,
        transitions,
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
  }

  /** Forgets when rules ran, so the next round evaluates all (a new evaluator starts so). */
  public void forget() {
    lastEvaluated.clear();
  }

  private int[] runProject(AlertStore store, String project, Instant now) {
    List<AlertRule> projectRules = rules.rules(project, store);
    // Most ticks find no rule due: the project's states, channels and silences are not read then.
    if (projectRules.stream().noneMatch(r -> r.enabled() && mayBeDue(project, r, now))) {
      return new int[] {0, 0};
    }
    Map<String, Map<String, AlertInstance>> byRule = new HashMap<>();
    for (AlertInstanceRow row : store.instances(project)) {
      AlertInstance a = instance(project, row);
      byRule.computeIfAbsent(a.ruleId(), k -> new LinkedHashMap<>()).put(row.groupKey(), a);
    }
    List<AlertInstanceRow> writes = new ArrayList<>();
    List<AlertEventRow> events = new ArrayList<>();
    Set<String> ruleIds = new TreeSet<>();
    int evaluated = 0;
    // The rules' queries run in parallel (each in a request context acting for the project); the
    // state machine then runs in rule order on this thread.
    Map<String, Future<Evaluation>> running = new LinkedHashMap<>();
    Map<ThresholdBatch, List<AlertRule>> batches = new LinkedHashMap<>();
    for (AlertRule rule : projectRules) {
      ruleIds.add(rule.id());
      Map<String, AlertInstance> current = byRule.getOrDefault(rule.id(), Map.of());
      if (!rule.enabled() || !due(project, rule, current, now)) {
        continue;
      }
      // Score thresholds read the scores, not the rollups the batches share.
      if (rule.kind() == dev.boxscore.alerting.rule.RuleKind.THRESHOLD
          && !rule.metric().isScore()) {
        batches.computeIfAbsent(ThresholdBatch.of(rule), b -> new ArrayList<>()).add(rule);
      } else {
        running.put(
            rule.id(),
            queries.submit(() -> context.call(project, () -> evaluator.evaluate(rule, now))));
      }
    }
    batches.forEach(
        (batch, members) -> {
          Future<Map<AlertRule, Evaluation>> answer =
              queries.submit(
                  () -> context.call(project, () -> evaluator.thresholdBatch(batch, members, now)));
          for (AlertRule rule : members) {
            running.put(rule.id(), new MemberOf(answer, rule));
          }
        });
    for (AlertRule rule : projectRules) {
      Future<Evaluation> evaluation = running.get(rule.id());
      if (evaluation == null) {
        continue;
      }
      evaluated++;
      Map<String, AlertInstance> current = byRule.getOrDefault(rule.id(), Map.of());
      Map<String, AlertInstance> next =
          evaluateRule(project, rule, current, now, outcome(evaluation), writes, events);
      lastEvaluated.put(project + "/" + rule.id(), now);
      byRule.put(rule.id(), next);
    }
    // Alerts of rules that were deleted (or left the file) go with them.
    byRule.forEach(
        (ruleId, instances) -> {
          if (!ruleIds.contains(ruleId)) {
            instances.values().forEach(a -> writes.add(row(a, true)));
          }
        });
    store.putInstances(
        project, writes, TimeUnit.SECONDS.toMicros(now.getEpochSecond()) + now.getNano() / 1000);
    store.appendEvents(project, events);
    AlertDelivery.ProjectDelivery notify = delivery.forProject(project, store, now);
    for (AlertRule rule : projectRules) {
      notify.update(rule, byRule.getOrDefault(rule.id(), Map.of()).values());
    }
    return new int[] {evaluated, events.size()};
  }

  /** Due as far as this process remembers (a rule it has not evaluated yet may be due). */
  private boolean mayBeDue(String project, AlertRule rule, Instant now) {
    Instant last = lastEvaluated.get(project + "/" + rule.id());
    return last == null || slot(rule, now) > slot(rule, last);
  }

  /**
   * The interval-long slot (aligned to the epoch) an instant falls in. A rule is evaluated once per
   * slot, at the first round in it: evaluations stay on the interval's grid however long rounds
   * take, instead of drifting later by each round's duration.
   */
  private static long slot(AlertRule rule, Instant t) {
    return Math.floorDiv(t.toEpochMilli(), Math.max(1, rule.interval().toMillis()));
  }

  private boolean due(
      String project, AlertRule rule, Map<String, AlertInstance> current, Instant now) {
    Instant last = lastEvaluated.get(project + "/" + rule.id());
    if (last == null) {
      for (AlertInstance a : current.values()) {
        if (last == null || a.evaluatedAt().isAfter(last)) {
          last = a.evaluatedAt();
        }
      }
    }
    return last == null || slot(rule, now) > slot(rule, last);
  }

  /** One rule's evaluation within its batch's answer. */
  private record MemberOf(Future<Map<AlertRule, Evaluation>> batch, AlertRule rule)
      implements Future<Evaluation> {
    @Override
    public Evaluation get() throws InterruptedException, ExecutionException {
      return batch.get().get(rule);
    }

    @Override
    public Evaluation get(long timeout, TimeUnit unit)
        throws InterruptedException, ExecutionException, java.util.concurrent.TimeoutException {
      return batch.get(timeout, unit).get(rule);
    }

    @Override
    public boolean cancel(boolean mayInterrupt) {
      return false;
    }

    @Override
    public boolean isCancelled() {
      return false;
    }

    @Override
    public boolean isDone() {
      return batch.isDone();
    }
  }

  /** An evaluation's result, or the error that stopped it. */
  private static Object outcome(Future<Evaluation> f) {
    try {
      return f.get();
    } catch (ExecutionException e) {
      return e.getCause() instanceof RuntimeException r
          ? r
          : new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new IllegalStateException("interrupted");
    }
  }

  private Map<String, AlertInstance> evaluateRule(
      String project,
      AlertRule rule,
      Map<String, AlertInstance> current,
      Instant now,
      Object outcome,
      List<AlertInstanceRow> writes,
      List<AlertEventRow> events) {
    StateMachine machine = new StateMachine(rule.forDuration(), rule.keepFiringFor());
    Evaluation evaluation;
    if (outcome instanceof Evaluation ok) {
      evaluation = ok;
    } else {
      RuntimeException e = (RuntimeException) outcome;
      LOG.warnf("alerting rule %s of project %s failed: %s", rule.id(), project, e.getMessage());
      String error =
          e instanceof StorageException
              ? "the store did not answer: " + e.getMessage()
              : e.toString();
      List<GroupObservation> failed = new ArrayList<>();
      for (AlertInstance a : current.values()) {
        failed.add(new GroupObservation(a.group(), Observation.error(error)));
      }
      if (failed.isEmpty()) {
        failed.add(new GroupObservation(Map.of(), Observation.error(error)));
      }
      evaluation = new Evaluation(failed, false);
    }
    Map<String, AlertInstance> next = new LinkedHashMap<>();
    Set<String> seen = new TreeSet<>();
    for (GroupObservation g : evaluation.groups()) {
      String key = GroupKeys.of(g.group());
      seen.add(key);
      AlertInstance prev = current.get(key);
      Step step = machine.next(project, rule.id(), g.group(), prev, g.observation(), now);
      keep(rule, prev, step, now, next, writes, events);
    }
    for (Map.Entry<String, AlertInstance> e : current.entrySet()) {
      if (seen.contains(e.getKey())) {
        continue;
      }
      AlertInstance prev = e.getValue();
      Observation absent =
          evaluation.absentIsFalse()
              ? Observation.of(false, null, prev.values())
              : Observation.noData(prev.values());
      Step step = machine.next(project, rule.id(), prev.group(), prev, absent, now);
      keep(rule, prev, step, now, next, writes, events);
    }
    return next;
  }

  /**
   * Records a step: its transition as an event, the new state as a write. Quiet alerts are not
   * kept: a group that was never active (one per model of a grouped rule) would be thousands of
   * rows, and a resolved alert is dropped once its retention has passed.
   */
  private void keep(
      AlertRule rule,
      AlertInstance prev,
      Step step,
      Instant now,
      Map<String, AlertInstance> next,
      List<AlertInstanceRow> writes,
      List<AlertEventRow> events) {
    AlertInstance a = step.instance();
    step.transition()
        .ifPresent(
            t ->
                events.add(
                    new AlertEventRow(
                        t.at(),
                        UUID.randomUUID().toString(),
                        AlertEventRow.TRANSITION,
                        rule.id(),
                        rule.name(),
                        json(a.group()),
                        t.from().apiName(),
                        t.to().apiName(),
                        a.value(),
                        json(a.values()),
                        null,
                        null,
                        null,
                        0,
                        false,
                        null,
                        null,
                        a.error())));
    boolean ungrouped = rule.groupBy().isEmpty() && a.group().isEmpty();
    boolean quiet =
        a.state() == AlertState.INACTIVE && !ungrouped
            || a.state() == AlertState.NO_DATA
                && !ungrouped
                && a.since().plus(resolvedRetention).isBefore(now)
            || a.state() == AlertState.RESOLVED
                && a.resolvedAt() != null
                && a.resolvedAt().plus(resolvedRetention).isBefore(now);
    if (quiet) {
      if (prev != null) {
        writes.add(row(a, true));
      }
      return;
    }
    next.put(a.groupKey(), a);
    writes.add(row(a, false));
  }

  static AlertInstanceRow row(AlertInstance a, boolean deleted) {
    return new AlertInstanceRow(
        a.ruleId(),
        a.groupKey(),
        json(a.group()),
        a.state().apiName(),
        a.since(),
        a.activeAt(),
        a.firedAt(),
        a.resolvedAt(),
        a.lastTrueAt(),
        a.evaluatedAt(),
        a.value(),
        json(a.values()),
        a.error(),
        deleted);
  }

  static AlertInstance instance(String project, AlertInstanceRow r) {
    return new AlertInstance(
        project,
        r.ruleId(),
        map(r.groupJson()),
        AlertState.valueOf(r.state().toUpperCase(java.util.Locale.ROOT)),
        r.since(),
        r.activeAt(),
        r.firedAt(),
        r.resolvedAt(),
        r.lastTrueAt(),
        r.evaluatedAt(),
        r.value(),
        map(r.valuesJson()),
        r.error() == null || r.error().isEmpty() ? null : r.error());
  }

  static String json(Map<String, String> m) {
    try {
      return JSON.writeValueAsString(new java.util.TreeMap<>(m));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static Map<String, String> map(String json) {
    if (json == null || json.isEmpty()) {
      return Map.of();
    }
    try {
      return JSON.readValue(json, STRINGS);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable stored alert data", e);
    }
  }
}
