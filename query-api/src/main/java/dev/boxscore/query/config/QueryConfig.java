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
}
