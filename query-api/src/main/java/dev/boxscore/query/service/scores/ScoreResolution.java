package dev.boxscore.query.service.scores;

import dev.boxscore.query.config.QueryConfig;
import dev.boxscore.query.scope.ScoringStore;
import dev.boxscore.query.service.alerts.AlertScheduler;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Attributes pending scores (REST scores, evaluator spans, scores naming a response id) to their
 * calls every few seconds, so analytics by model or prompt version count them. Runs in the elected
 * alert evaluator when there is an election, else in every query process (the statements are
 * idempotent: a second run rewrites the same rows, which collapse).
 */
@ApplicationScoped
public class ScoreResolution {
  private static final Logger LOG = Logger.getLogger(ScoreResolution.class);

  private final QueryConfig config;
  private final ScoringStore scoring;
  private final AlertScheduler alerts;
  private ScheduledExecutorService executor;

  ScoreResolution(QueryConfig config, ScoringStore scoring, AlertScheduler alerts) {
    this.config = config;
    this.scoring = scoring;
    this.alerts = alerts;
  }

  void start(@Observes StartupEvent e) {
    if (!config.enabled()) {
      return;
    }
    executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "score-resolution");
              t.setDaemon(true);
              return t;
            });
    long every = config.scores().resolveInterval().toMillis();
    executor.scheduleWithFixedDelay(this::run, every, every, TimeUnit.MILLISECONDS);
  }

  /** One run; what it found pending (0 when this process does not resolve). */
  long run() {
    if (alerts.enabled() && !alerts.evaluating()) {
      return 0;
    }
    try {
      return scoring
          .store()
          .resolvePending(config.scores().resolveBatch(), config.scores().resolveDays());
    } catch (RuntimeException e) {
      LOG.warn("attributing scores to their calls failed: " + e.getMessage());
      return 0;
    }
  }

  void stop(@Observes ShutdownEvent e) {
    if (executor != null) {
      executor.shutdownNow();
    }
  }
}
