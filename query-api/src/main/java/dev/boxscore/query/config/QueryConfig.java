package dev.boxscore.query.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the query role. */
@ConfigMapping(prefix = "boxscore.query")
public interface QueryConfig {
  /** Whether this process serves the query API (and the UI). */
  @WithDefault("true")
  boolean enabled();

  /** Look-back of a trace search without {@code from}. */
  @WithDefault("24h")
  Duration defaultLookback();

  /** Largest page of a trace search. */
  @WithDefault("1000")
  int maxLimit();

  /** Most spans returned for one trace. */
  @WithDefault("10000")
  int maxSpansPerTrace();

  /**
   * How long analytics requests reuse a project's price catalog (its own prices over the built-in
   * ones) instead of reading it again. A price changed through this process applies at once; one
   * changed through another query process applies within this time. 0 reads it on every request.
   */
  @WithDefault("5s")
  Duration priceCacheTtl();

  /** Alert evaluation and delivery. */
  Alerts alerts();

  /** Scores ({@code boxscore.query.scores.*}). */
  Scores scores();

  /** Attributing scores to the calls they judge. */
  interface Scores {
    /** How often pending scores (stored before their call was known) are attributed. */
    @WithDefault("2s")
    Duration resolveInterval();

    /** Most pending scores of each kind attributed per run. */
    @WithDefault("10000")
    int resolveBatch();

    /** How far back (by the score's time) a pending score is still looked at. */
    @WithDefault("7")
    int resolveDays();
  }

  /** Settings of the alert evaluator ({@code boxscore.query.alerts.*}). */
  interface Alerts {
    /**
     * Whether this process takes part in alert evaluation: the one process holding the evaluator
     * partition of the Kafka group evaluates; the others stand by.
     */
    @WithDefault("true")
    boolean evaluatorEnabled();

    /** A YAML rules file loaded at start-up (rules as code; read-only in the API and UI). */
    java.util.Optional<java.nio.file.Path> rulesFile();

    /** The UI's address, for links in notifications (e.g. https://boxscore.example.com). */
    @WithDefault("http://127.0.0.1:8080")
    String externalUrl();

    /** The one-partition topic whose consumer group elects the evaluator. */
    @WithDefault("boxscore.alerts-evaluator")
    String leaderTopic();

    /**
     * How long the group waits for a vanished evaluator before another takes over (Kafka's session
     * timeout).
     */
    @WithDefault("10s")
    Duration failoverTimeout();

    /**
     * How many rules' queries one round runs at once: the engine answers several small questions in
     * parallel faster than in turn, and one slow drift test does not hold up the rest.
     */
    @WithDefault("4")
    int parallelism();

    /** How often the evaluator looks for due rules and due notifications. */
    @WithDefault("1s")
    Duration tick();

    /** How long a resolved alert stays listed (and its resolve owed to channels). */
    @WithDefault("24h")
    Duration resolvedRetention();
  }
}
