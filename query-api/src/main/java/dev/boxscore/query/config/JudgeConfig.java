package dev.boxscore.query.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Settings of the LLM-as-judge runner ({@code boxscore.judge.*}). */
@ConfigMapping(prefix = "boxscore.judge")
public interface JudgeConfig {
  /**
   * Whether this process runs evaluators; it does so only while it is the elected alert evaluator,
   * so one runner works across processes.
   */
  @WithDefault("true")
  boolean enabled();

  /** How often the runner looks for newly stored calls. */
  @WithDefault("2s")
  Duration tick();

  /**
   * How far behind now the runner reads: a call inserted a moment ago may carry an earlier
   * ingested_at than one already read, and would be skipped without this lag.
   */
  @WithDefault("2s")
  Duration lag();

  /** Most calls one evaluator reads per round. */
  @WithDefault("200")
  int batch();

  /** How long one judge request may take. */
  @WithDefault("30s")
  Duration timeout();

  /** Retries of a judge request that failed with 429, 5xx or a timeout. */
  @WithDefault("3")
  int retries();

  /** The first retry's wait; each further retry waits twice as long (a retry-after is honoured). */
  @WithDefault("200ms")
  Duration backoff();

  /**
   * The collector's OTLP/HTTP base URL the judge's own calls are exported to (service {@code
   * boxscore-judge}); when unset, the collector of this process, else http://127.0.0.1:4318.
   */
  Optional<String> otlpEndpoint();
}
