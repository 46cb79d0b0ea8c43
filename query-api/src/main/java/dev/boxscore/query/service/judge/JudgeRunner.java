package dev.boxscore.query.service.judge;

import dev.boxscore.model.pricing.ModelPrice;
import dev.boxscore.model.pricing.PriceCatalog;
import dev.boxscore.query.config.JudgeConfig;
import dev.boxscore.query.scope.ScoringStore;
import dev.boxscore.query.service.PricingService;
import dev.boxscore.query.service.alerts.AlertScheduler;
import dev.boxscore.storage.evaluators.Evaluator;
import dev.boxscore.storage.evaluators.EvaluatorStore;
import dev.boxscore.storage.evaluators.JudgeCandidate;
import dev.boxscore.storage.evaluators.JudgeCursor;
import dev.boxscore.storage.evaluators.JudgeRound;
import dev.boxscore.storage.evaluators.ProjectEvaluator;
import dev.boxscore.storage.scores.JudgedCall;
import dev.boxscore.storage.scores.Score;
import dev.boxscore.storage.scores.ScoreSource;
import dev.boxscore.storage.scores.ScoreTarget;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The LLM-as-judge runner. Every {@code boxscore.judge.tick}, while this process is the elected
 * alert evaluator (so one runner works across processes, and a new leader resumes at the stored
 * cursor), each enabled evaluator reads its project's newly stored calls matching its filter,
 * judges the sampled ones ({@link JudgeSampling}) one at a time, and writes their scores with
 * source {@code llm_judge}, author the evaluator's name and id {@code
 * judge:<evaluator>:<trace>:<span>}: a call judged twice (a retried round, a replay, a new leader)
 * replaces its score instead of adding one. The judge's reported usage is priced with the project's
 * prices; the day's spend stops the evaluator at its budget, and at most {@code maxCallsPerMinute}
 * judge calls are made per minute. A judge error or an unreadable answer is counted and shown in
 * the status, never stored as a score.
 */
@ApplicationScoped
public class JudgeRunner {
  private static final Logger LOG = Logger.getLogger(JudgeRunner.class);
  private static final int MAX_ERROR = 500;

  private final JudgeConfig config;
  private final AlertScheduler leadership;
  private final ScoringStore scoring;
  private final JudgeTraffic traffic;
  private final JudgeClient client;
  private final Map<String, JudgeState> states = new ConcurrentHashMap<>();
  private ScheduledExecutorService executor;

  JudgeRunner(
      JudgeConfig config, AlertScheduler leadership, ScoringStore scoring, JudgeTraffic traffic) {
    this.config = config;
    this.leadership = leadership;
    this.scoring = scoring;
    this.traffic = traffic;
    this.client = new JudgeClient(config);
  }

  void start(@Observes StartupEvent e) {
    if (!config.enabled() || !leadership.enabled()) {
      return;
    }
    executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "llm-judge");
              t.setDaemon(true);
              return t;
            });
    long tick = config.tick().toMillis();
    executor.scheduleWithFixedDelay(this::tick, tick, tick, TimeUnit.MILLISECONDS);
  }

  /** Why this runner last stopped an evaluator early (budget or rate); empty when it did not. */
  public Optional<Pause> paused(String evaluatorId) {
    JudgeState state = states.get(evaluatorId);
    return state == null ? Optional.empty() : Optional.ofNullable(state.paused);
  }

  private void tick() {
    if (!leadership.evaluating()) {
      states.clear(); // a later term starts from the stored cursors
      return;
    }
    try {
      // One query for every project's evaluators: a round costs nothing per project without one.
      for (ProjectEvaluator stored : scoring.evaluators().all()) {
        Evaluator evaluator = stored.evaluator();
        if (!evaluator.enabled() || !leadership.evaluating()) {
          continue;
        }
        try {
          round(stored.projectId(), evaluator);
        } catch (RuntimeException ex) {
          LOG.warnf("evaluator %s of %s: %s", evaluator.id(), stored.projectId(), ex.getMessage());
        }
      }
    } catch (RuntimeException ex) {
      LOG.warn("LLM judge round failed: " + ex.getMessage(), ex);
    } finally {
      traffic.flush();
    }
  }

  private void round(String project, Evaluator evaluator) {
    EvaluatorStore store = scoring.evaluators();
    JudgeState state = states.computeIfAbsent(evaluator.id(), id -> new JudgeState());
    if (state.cursor == null) {
      state.cursor =
          store.cursor(project, evaluator.id()).orElse(JudgeCursor.before(evaluator.createdAt()));
    }
    Instant now = Instant.now();
    double spent =
        store.day(project, evaluator.id(), LocalDate.ofInstant(now, ZoneOffset.UTC)).costUsd();
    if (spent >= evaluator.dailyBudgetUsd()) {
      state.paused = Pause.BUDGET;
      return;
    }
    List<JudgeCandidate> calls =
        store.candidates(
            project, evaluator.filter(), state.cursor, now.minus(config.lag()), config.batch());
    PriceCatalog catalog = null;
    List<Score> scores = new ArrayList<>();
    JudgeCursor cursor = state.cursor;
    Pause paused = null;
    int errors = 0;
    double cost = 0;
    String lastError = "";
    for (JudgeCandidate call : calls) {
      // The judge's own calls are never judged: an evaluator without a filter would feed itself.
      if (call.service().equals(JudgeTraffic.SERVICE)
          || !JudgeSampling.selected(
              evaluator.id(), call.traceId(), call.spanId(), evaluator.samplingRate())) {
        cursor = call.cursor();
        continue;
      }
      if (spent + cost >= evaluator.dailyBudgetUsd()) {
        paused = Pause.BUDGET;
        break;
      }
      if (!state.tryCall(Instant.now(), evaluator.maxCallsPerMinute())) {
        paused = Pause.RATE;
        break; // the call is read again next round
      }
      try {
        JudgeAnswer answer = client.ask(evaluator, JudgePrompt.render(evaluator.template(), call));
        if (catalog == null) {
          catalog = catalog(project);
        }
        cost += price(catalog, evaluator, answer);
        traffic.answered(evaluator, call, answer);
        Optional<Verdict> verdict =
            JudgeVerdicts.read(answer.text(), evaluator.dataType(), evaluator.categories());
        if (verdict.isPresent()) {
          scores.add(score(evaluator, call, verdict.get(), answer.end()));
        } else {
          errors++;
          lastError =
              clip(
                  "the judge's answer holds no "
                      + evaluator.dataType().apiName()
                      + " score: "
                      + answer.text());
        }
      } catch (JudgeFailure failure) {
        traffic.failed(evaluator, call, failure);
        errors++;
        lastError = clip(failure.getMessage());
      }
      cursor = call.cursor();
    }
    // Scores first, then the round: a crash between them judges the calls again (same score
    // ids), never skips them.
    if (!scores.isEmpty()) {
      scoring.store().write(project, scores);
    }
    if (!cursor.equals(state.cursor) || errors > 0 || cost > 0) {
      store.record(
          project,
          evaluator.id(),
          new JudgeRound(now, scores.size(), errors, cost, lastError, cursor));
    }
    state.cursor = cursor;
    if (paused == null && spent + cost >= evaluator.dailyBudgetUsd()) {
      paused = Pause.BUDGET;
    }
    state.paused = paused;
  }

  private PriceCatalog catalog(String project) {
    List<ModelPrice> own = scoring.prices(project).stream().map(PricingService::toModel).toList();
    return PriceCatalog.builtIn().overriddenBy(own);
  }

  /** The judge call's cost in USD by its reported usage; 0 when the model has no price. */
  private static double price(PriceCatalog catalog, Evaluator evaluator, JudgeAnswer answer) {
    String model = answer.responseModel().isEmpty() ? evaluator.model() : answer.responseModel();
    Optional<ModelPrice> price = catalog.find(evaluator.judgeKind(), model, answer.start());
    if (price.isEmpty()) {
      price = catalog.find(evaluator.judgeKind(), evaluator.model(), answer.start());
    }
    return price
        .map(
            p ->
                p.inputPerMillion()
                        .multiply(BigDecimal.valueOf(answer.inputTokens()))
                        .add(
                            p.outputPerMillion()
                                .multiply(BigDecimal.valueOf(answer.outputTokens())))
                        .doubleValue()
                    / 1_000_000)
        .orElse(0.0);
  }

  private static Score score(
      Evaluator evaluator, JudgeCandidate call, Verdict verdict, Instant time) {
    return new Score(
        "judge:" + evaluator.id() + ":" + call.traceId() + ":" + call.spanId(),
        ScoreTarget.SPAN,
        call.traceId(),
        call.spanId(),
        "",
        "",
        evaluator.scoreName(),
        evaluator.dataType(),
        verdict.value(),
        verdict.label(),
        verdict.explanation(),
        ScoreSource.LLM_JUDGE,
        evaluator.name(),
        "",
        time,
        new JudgedCall(
            call.start(),
            call.spanId(),
            call.service(),
            call.provider(),
            call.requestModel(),
            call.responseModel(),
            call.promptFingerprint(),
            call.promptVersion(),
            call.userId()));
  }

  private static String clip(String s) {
    return s.length() <= MAX_ERROR ? s : s.substring(0, MAX_ERROR) + "…";
  }

  void stop(@Observes ShutdownEvent e) {
    if (executor != null) {
      executor.shutdownNow();
    }
  }
}
