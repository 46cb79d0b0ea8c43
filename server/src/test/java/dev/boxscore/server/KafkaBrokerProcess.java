package dev.boxscore.server;

import dev.boxscore.embedded.kafka.EmbeddedKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * The embedded Kafka broker as its own process, for tests that kill it with SIGKILL (see {@link
 * BrokerChild}): the same {@link EmbeddedKafka} the one-machine mode runs, on a given data
 * directory and FIXED ports, so a process started again after a kill finds its log, its KRaft
 * metadata and its clients' bootstrap address unchanged.
 *
 * <p>System properties (all required): {@code broker.data-dir}, {@code broker.port}, {@code
 * broker.controller-port}, {@code broker.ready-file} (written once the broker is started: {@code
 * EmbeddedKafka.start()} returns after the controller has unfenced it, so it takes produce requests
 * from then on). The process then blocks until killed, or until its parent process ends.
 */
public final class KafkaBrokerProcess {
  private KafkaBrokerProcess() {}

  public static void main(String[] args) throws Exception {
    long jvmStarted =
        ProcessHandle.current().info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    long starting = System.currentTimeMillis();
    logToConsole();
    EmbeddedKafka kafka =
        EmbeddedKafka.builder()
            .dataDir(Path.of(required("broker.data-dir")))
            .port(Integer.parseInt(required("broker.port")))
            .controllerPort(Integer.parseInt(required("broker.controller-port")))
            // As many partitions as the collector gives the spans topic, should a client create it
            // first.
            .partitions(6)
            .credentials("boxscore", required("broker.password"))
            .build()
            .start();
    // A clean stop when asked politely (SIGTERM); the tests never ask politely.
    Runtime.getRuntime().addShutdownHook(new Thread(kafka::stop, "broker-shutdown"));
    // A test JVM that dies hard (no shutdown hooks) must not leave its broker running.
    ProcessHandle.current()
        .parent()
        .ifPresent(parent -> parent.onExit().thenRun(() -> Runtime.getRuntime().halt(1)));
    long now = System.currentTimeMillis();
    System.out.printf(
        "broker ready on %s: %d ms after the JVM started, %d ms in EmbeddedKafka.start()%n",
        kafka.bootstrapServers(), now - jvmStarted, now - starting);
    Files.writeString(
        Path.of(required("broker.ready-file")), Long.toString(ProcessHandle.current().pid()));
    new CountDownLatch(1).await();
  }

  /**
   * The broker's INFO lines (log recovery after a kill, registration, unfencing), the rest at WARN,
   * to standard error (the test redirects it to a file). Done in code: Quarkus's log initializer on
   * the test class path would hold every record back for an application that never starts here.
   */
  private static void logToConsole() {
    Logger root = Logger.getLogger("");
    for (Handler handler : root.getHandlers()) {
      root.removeHandler(handler);
    }
    ConsoleHandler console = new ConsoleHandler();
    console.setLevel(Level.ALL);
    console.setFormatter(new SimpleFormatter());
    root.addHandler(console);
    root.setLevel(Level.WARNING);
    for (String name :
        List.of("kafka", "org.apache.kafka.storage", "org.apache.kafka.controller")) {
      Logger.getLogger(name).setLevel(Level.INFO);
    }
  }

  private static String required(String name) {
    String value = System.getProperty(name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("system property " + name + " is required");
    }
    return value;
  }
}
