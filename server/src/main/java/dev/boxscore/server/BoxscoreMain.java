package dev.boxscore.server;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Entry point. Reads the environment, starts the embedded Kafka broker and ClickHouse engine unless
 * external ones are configured, points the roles at them, then runs the application until it is
 * stopped. Embedded parts stop after the application, so no client outlives its server.
 *
 * <p>Environment: {@code BOXSCORE_DATA_DIR} (default {@code ~/.boxscore}), {@code
 * BOXSCORE_KAFKA_BOOTSTRAP}, {@code BOXSCORE_CLICKHOUSE_URL}, {@code BOXSCORE_BOOTSTRAP_KEY},
 * {@code BOXSCORE_ROLES} (comma-separated subset of collector, ingest, query; default all) and
 * {@code BOXSCORE_BIND} (default 127.0.0.1 when something is embedded, else 0.0.0.0).
 */
@QuarkusMain
public class BoxscoreMain {
  static final List<String> ROLES = List.of("collector", "ingest", "query");
  static final String INSTANCE_ID = "boxscore.ingest.instance-id";

  /** The ingest role's consumer group member id in the one-machine mode (embedded broker). */
  static final String ONE_MACHINE_INSTANCE = "boxscore-one-machine";

  public static void main(String... args) throws Exception {
    Set<String> roles = roles(setting("BOXSCORE_ROLES", "boxscore.roles"));
    String kafka = setting("BOXSCORE_KAFKA_BOOTSTRAP", "boxscore.kafka.bootstrap");
    String clickHouse = setting("BOXSCORE_CLICKHOUSE_URL", "boxscore.clickhouse.url");
    // Every role reads projects and keys from the control topic (KeyDirectory), the query role
    // included.
    boolean needsKafka = !roles.isEmpty();
    boolean needsClickHouse = roles.contains("ingest") || roles.contains("query");
    Path dataDir =
        Path.of(
            orDefault(
                setting("BOXSCORE_DATA_DIR", "boxscore.data-dir"),
                Path.of(System.getProperty("user.home"), ".boxscore").toString()));

    OneMachine machine =
        OneMachine.start(
            dataDir,
            needsKafka && kafka == null,
            needsClickHouse && clickHouse == null,
            setting("BOXSCORE_BOOTSTRAP_KEY", "boxscore.auth.bootstrap-key"),
            // A password given for Kafka or ClickHouse is the embedded one's when that part is
            // embedded.
            setting("BOXSCORE_KAFKA_SASL_PASSWORD", "boxscore.kafka.sasl.password"),
            setting("BOXSCORE_CLICKHOUSE_PASSWORD", "boxscore.clickhouse.password"));
    machine.config().forEach(System::setProperty);
    for (String role : ROLES) {
      System.setProperty("boxscore." + role + ".enabled", Boolean.toString(roles.contains(role)));
    }
    if (machine.embeddedKafka()
        && roles.contains("ingest")
        && setting("BOXSCORE_INGEST_INSTANCE_ID", INSTANCE_ID) == null) {
      // The embedded broker has one ingest process, this one: a stable static member id lets it
      // take its partitions
      // back at once after a restart, even after a crash (else the group waits for the old session
      // to expire).
      System.setProperty(INSTANCE_ID, ONE_MACHINE_INSTANCE);
    }
    boolean embedded = machine.embeddedKafka() || machine.embeddedClickHouse();
    String bind =
        orDefault(setting("BOXSCORE_BIND", "boxscore.bind"), embedded ? "127.0.0.1" : "0.0.0.0");
    System.setProperty("quarkus.http.host", bind);
    System.setProperty("boxscore.collector.host", bind);
    StartupBanner.describe(machine);

    CountDownLatch stopped = new CountDownLatch(1);
    AtomicBoolean jvmExiting = new AtomicBoolean();
    // On Ctrl-C / SIGTERM the JVM runs its shutdown hooks in no set order: wait for Quarkus to
    // finish (its clients
    // closed) before stopping the broker and the engine under them.
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  jvmExiting.set(true);
                  try {
                    stopped.await(30, TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  machine.close();
                },
                "boxscore-embedded-shutdown"));
    int[] exitCode = {0};
    // Quarkus's default exit handler calls System.exit, which blocks forever when the JVM is
    // already exiting.
    Quarkus.run(
        BoxscoreApplication.class,
        (code, failure) -> {
          exitCode[0] = code;
          stopped.countDown();
        },
        args);
    stopped.countDown();
    if (!jvmExiting.get()) {
      machine.close();
      System.exit(exitCode[0]);
    }
  }

  static Set<String> roles(String value) {
    if (value == null || value.isBlank()) {
      return Set.copyOf(ROLES);
    }
    Set<String> roles =
        java.util.Arrays.stream(value.split(","))
            .map(r -> r.strip().toLowerCase(Locale.ROOT))
            .filter(r -> !r.isEmpty())
            .collect(java.util.stream.Collectors.toSet());
    for (String role : roles) {
      if (!ROLES.contains(role)) {
        throw new IllegalArgumentException(
            "BOXSCORE_ROLES: unknown role '" + role + "'; known: " + ROLES);
      }
    }
    return roles;
  }

  private static String setting(String env, String property) {
    String value = System.getProperty(property);
    if (value == null || value.isBlank()) {
      value = System.getenv(env);
    }
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static String orDefault(String value, String fallback) {
    return value == null ? fallback : value;
  }
}
