package dev.boxscore.server;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The real Kafka broker and ClickHouse engine for the tests, embedded, under target/: started once per test JVM
 * (the engine can open one data path per process) and stopped when it exits.
 */
public class EmbeddedInfrastructure implements QuarkusTestResourceLifecycleManager {
  static final String API_KEY = "bx_test_key";
  private static OneMachine machine;

  static synchronized OneMachine machine() {
    if (machine == null) {
      try {
        // benchmark.dataDir keeps the benchmark's generated data between runs (see AnalyticsBenchmark).
        String kept = System.getProperty("benchmark.dataDir", "");
        Path dir = kept.isBlank()
            ? Path.of("target", "test-data-" + ProcessHandle.current().pid()).toAbsolutePath()
            : Path.of(kept).toAbsolutePath();
        machine = OneMachine.start(dir, true, true, API_KEY);
        Runtime.getRuntime().addShutdownHook(new Thread(machine::close, "test-infrastructure-shutdown"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return machine;
  }

  @Override
  public Map<String, String> start() {
    Map<String, String> config = new HashMap<>(machine().config());
    config.put("boxscore.collector.host", "127.0.0.1");
    config.put("boxscore.collector.http-port", "0");
    config.put("boxscore.collector.grpc-port", "0");
    config.put("boxscore.collector.publish-timeout", "4s");
    config.put("boxscore.collector.retry-after-seconds", "2");
    config.put("boxscore.ingest.batch-max-wait", "100ms");
    config.put("boxscore.ingest.retry-backoff-max", "1s");
    config.put("quarkus.http.host", "127.0.0.1");
    return config;
  }

  @Override
  public void stop() {
    // Kept for the next test class; stopped by the shutdown hook.
  }
}
