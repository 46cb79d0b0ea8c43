package dev.boxscore.query.service.alerts;

import dev.boxscore.auth.kafka.KafkaCredentials;
import dev.boxscore.query.config.QueryConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Runs evaluation rounds and notification ticks on the wall clock while this process is the elected
 * evaluator ({@link EvaluatorLeadership}). Rounds run on one thread of their own, so a slow round
 * delays the next one, never a request; deliveries run on the dispatcher's threads, so a slow
 * receiver never delays a round.
 */
@ApplicationScoped
public class AlertScheduler {
  private static final Logger LOG = Logger.getLogger(AlertScheduler.class);

  private final QueryConfig config;
  private final EvaluationRound round;
  private final AlertDelivery delivery;
  private final KafkaCredentials credentials;
  private final String bootstrap;
  private final short replicationFactor;
  private final Clock clock = Clock.systemUTC();
  private EvaluatorLeadership leadership;
  private ScheduledExecutorService executor;
  private volatile Instant lastRound;

  /** Held by a round and its delivery tick; a deposed evaluator waits for it. */
  private final ReentrantLock ticking = new ReentrantLock();

  AlertScheduler(
      QueryConfig config,
      EvaluationRound round,
      AlertDelivery delivery,
      KafkaCredentials credentials,
      @ConfigProperty(name = "boxscore.kafka.bootstrap") String bootstrap,
      @ConfigProperty(name = "boxscore.control.replication-factor", defaultValue = "1")
          short replicationFactor) {
    this.config = config;
    this.round = round;
    this.delivery = delivery;
    this.credentials = credentials;
    this.bootstrap = bootstrap;
    this.replicationFactor = replicationFactor;
  }

  void start(@Observes StartupEvent e) {
    if (!enabled()) {
      return;
    }
    leadership =
        new EvaluatorLeadership(
                bootstrap,
                credentials,
                config.alerts(),
                replicationFactor,
                () -> {
                  round.forget();
                  delivery.restart();
                },
                this::standDown)
            .start();
    executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "alert-evaluator");
              t.setDaemon(true);
              return t;
            });
    long tick = config.alerts().tick().toMillis();
    executor.scheduleWithFixedDelay(this::tick, tick, tick, TimeUnit.MILLISECONDS);
  }

  /** Whether this process takes part in the evaluator election (the query role and the setting). */
  public boolean enabled() {
    return config.enabled() && config.alerts().evaluatorEnabled();
  }

  /** Whether this process is the evaluator now. */
  public boolean evaluating() {
    return leadership != null && leadership.isLeader();
  }

  /** When this process last completed a round (null: never). */
  public Instant lastRound() {
    return lastRound;
  }

  private void tick() {
    ticking.lock();
    try {
      if (!leadership.isLeader()) {
        return;
      }
      Instant now = clock.instant();
      try {
        round.run(now);
        lastRound = now;
      } catch (RuntimeException e) {
        LOG.warn("alert evaluation round failed: " + e.getMessage(), e);
      }
      if (!leadership.isLeader()) {
        return; // deposed during the round: the next evaluator delivers what it stored
      }
      try {
        delivery.tick(clock.instant());
      } catch (RuntimeException e) {
        LOG.warn("alert delivery tick failed: " + e.getMessage(), e);
      }
    } finally {
      ticking.unlock();
    }
  }

  /**
   * This process is no longer the evaluator: waits for the round in progress and the deliveries in
   * flight (their outcomes go to the stored log), and sends nothing more. Runs before the group may
   * elect another process, so two evaluators never overlap on a handover.
   */
  private void standDown() {
    ticking.lock();
    try {
      delivery.restart();
    } finally {
      ticking.unlock();
    }
  }

  void stop(@Observes ShutdownEvent e) {
    if (executor != null) {
      executor.shutdownNow();
    }
    if (leadership != null) {
      leadership.close();
    }
  }
}
