package dev.boxscore.server;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The real Kafka broker and ClickHouse engine for the tests, embedded, under target/: started once
 * per test JVM (the engine can open one data path per process) and stopped when it exits.
 *
 * <p>Quarkus loads the test classes again for each test profile's application, so this class's
 * static machine is not seen there, and a second machine on the same data directory and ports
 * (beside an engine that opens once per process) took the whole test JVM down. The machine's
 * configuration is therefore also kept in JVM-wide system properties, and {@link #sharedConfig()}
 * reads it from there.
 */
public class EmbeddedInfrastructure implements QuarkusTestResourceLifecycleManager {
  static final String API_KEY = "bx_test_key";

  /** Outside the boxscore.* namespace, which the application's config mappings validate. */
  private static final String SHARED = "embedded-infrastructure.";

  private static OneMachine machine;

  static synchronized OneMachine machine() {
    if (machine == null) {
      if (System.getProperty(SHARED + "boxscore.clickhouse.url") != null) {
        // Quarkus runs the test classes of one application together, the group of the
        // alphabetically first class
        // first: a profile's group (BrokerKilledTest) runs before the default one only in a
        // hand-picked -Dtest set.
        throw new IllegalStateException(
            "the test infrastructure was started by a test profile's application, whose "
                + "copy of EmbeddedInfrastructure this one cannot reach (a second one would crash the JVM): run the "
                + "tests that need the in-process broker in a run of their own, or use sharedConfig() / clickHouseUrl()");
      }
      try {
        // benchmark.dataDir keeps the benchmark's generated data between runs (see
        // AnalyticsBenchmark).
        String kept = System.getProperty("benchmark.dataDir", "");
        Path dir =
            kept.isBlank()
                ? Path.of("target", "test-data-" + ProcessHandle.current().pid()).toAbsolutePath()
                : Path.of(kept).toAbsolutePath();
        machine = OneMachine.start(dir, true, true, API_KEY);
        machine.config().forEach((key, value) -> System.setProperty(SHARED + key, value));
        Runtime.getRuntime()
            .addShutdownHook(new Thread(machine::close, "test-infrastructure-shutdown"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return machine;
  }

  /**
   * The machine's configuration, started by whichever copy of this class came first (this one if
   * none did).
   */
  static Map<String, String> sharedConfig() {
    if (System.getProperty(SHARED + "boxscore.clickhouse.url") == null) {
      machine();
    }
    Map<String, String> config = new HashMap<>();
    for (String name : System.getProperties().stringPropertyNames()) {
      if (name.startsWith(SHARED)) {
        config.put(name.substring(SHARED.length()), System.getProperty(name));
      }
    }
    return config;
  }

  /** HTTP Basic of the engine's per-start credential, from any copy of this class. */
  static String clickHouseAuthorization() {
    Map<String, String> config = sharedConfig();
    return "Basic "
        + java.util.Base64.getEncoder()
            .encodeToString(
                (config.get("boxscore.clickhouse.username")
                        + ":"
                        + config.get("boxscore.clickhouse.password"))
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** The engine's ClickHouse HTTP endpoint, from any copy of this class. */
  static String clickHouseUrl() {
    return sharedConfig().get("boxscore.clickhouse.url");
  }

  @Override
  public Map<String, String> start() {
    Map<String, String> config = sharedConfig();
    config.put("boxscore.collector.host", "127.0.0.1");
    config.put("boxscore.collector.http-port", "0");
    config.put("boxscore.collector.grpc-port", "0");
    config.put("boxscore.collector.publish-timeout", "4s");
    config.put("boxscore.collector.retry-after-seconds", "2");
    config.put("boxscore.ingest.batch-max-wait", "100ms");
    config.put("boxscore.ingest.retry-backoff-max", "1s");
    config.put("quarkus.http.host", "127.0.0.1");
    // The LLM judge reads new calls every half second and retries a failed judge call soon.
    config.put("boxscore.judge.tick", "500ms");
    config.put("boxscore.judge.lag", "1s");
    config.put("boxscore.judge.backoff", "20ms");
    return config;
  }

  @Override
  public void stop() {
    // Kept for the next test class; stopped by the shutdown hook.
  }
}
