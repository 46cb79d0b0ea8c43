package dev.boxscore.server;

import dev.boxscore.collector.CollectorRole;
import dev.boxscore.collector.config.CollectorConfig;
import dev.boxscore.query.config.JudgeConfig;
import dev.boxscore.query.service.judge.JudgeCollector;
import dev.boxscore.query.service.judge.JudgeCollectors;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The LLM judge's own calls go to the collector of this process when it runs one and {@code
 * boxscore.judge.otlp-endpoint} is not set: its port may be chosen at start (0 in tests), which
 * only this assembly, holding both roles, knows.
 */
public class LocalJudgeCollector {
  @Produces
  @Singleton
  JudgeCollector judgeCollector(
      JudgeConfig judge, CollectorConfig config, Instance<CollectorRole> collector) {
    return () ->
        judge
            .otlpEndpoint()
            .orElseGet(
                () -> {
                  int port = config.enabled() ? collector.get().httpPort() : -1;
                  if (port <= 0) {
                    return JudgeCollectors.DEFAULT;
                  }
                  String host = config.host();
                  boolean any = host.equals("0.0.0.0") || host.equals("::") || host.isBlank();
                  return "http://" + (any ? "127.0.0.1" : host) + ":" + port;
                });
  }
}
