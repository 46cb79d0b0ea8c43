package dev.boxscore.query.service.judge;

import dev.boxscore.query.config.JudgeConfig;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The collector address from {@code boxscore.judge.otlp-endpoint}, else the default port on this
 * host. An assembly that runs the collector in the same process replaces this with its bound port.
 */
public class JudgeCollectors {
  public static final String DEFAULT = "http://127.0.0.1:4318";

  @Produces
  @Singleton
  @DefaultBean
  JudgeCollector configured(JudgeConfig config) {
    String endpoint = config.otlpEndpoint().orElse(DEFAULT);
    return () -> endpoint;
  }
}
