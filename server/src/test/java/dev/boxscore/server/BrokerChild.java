package dev.boxscore.server;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Kafka broker in a child JVM ({@link KafkaBrokerProcess}) that a test kills with SIGKILL and
 * starts again on the same data directory and ports: what a crashed broker host's supervisor does.
 * Its port never changes, so clients configured with {@link #bootstrapServers()} reconnect by
 * themselves. Each start logs to its own file under the data directory's parent.
 */
final class BrokerChild {
  private final Path dataDir;
  private final int port;
  private final int controllerPort;
  private int starts;
  private Process process;
  private Path log;
  private Path ready;

  private BrokerChild(Path dataDir, int port, int controllerPort) {
    this.dataDir = dataDir;
    this.port = port;
    this.controllerPort = controllerPort;
  }

  /**
   * A broker on {@code dataDir} with two free loopback ports chosen now and kept for every later
   * start.
   */
  static BrokerChild on(Path dataDir) {
    return new BrokerChild(dataDir.toAbsolutePath(), freePort(), freePort());
  }

  String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  /**
   * The broker's password: fixed for this child across its restarts (the application's clients keep
   * theirs), made at random per test JVM.
   */
  private final String password = java.util.UUID.randomUUID().toString();

  /** The SASL settings a client of this broker needs (user {@code boxscore}). */
  java.util.Map<String, String> clientProperties() {
    return KafkaTestClients.plainLogin(password);
  }

  String password() {
    return password;
  }

  /**
   * Starts the process and returns once it has written its ready file (the broker takes produce
   * requests).
   */
  void start() {
    Process started;
    Path readyFile;
    Path logFile;
    synchronized (this) {
      if (process != null && process.isAlive()) {
        throw new IllegalStateException("the broker process is running already: " + process.pid());
      }
      starts++;
      try {
        Path logs =
            Files.createDirectories(dataDir.resolveSibling(dataDir.getFileName() + "-logs"));
        log = logs.resolve("start-" + starts + ".log");
        ready = logs.resolve("start-" + starts + ".ready");
        Files.deleteIfExists(ready);
        process =
            new ProcessBuilder(
                    List.of(
                        ProcessHandle.current().info().command().orElse("java"),
                        "-Xmx256m",
                        "-XX:+UseSerialGC",
                        "-XX:TieredStopAtLevel=1",
                        "-Djava.util.logging.manager=org.jboss.logmanager.LogManager",
                        "-Djava.util.logging.SimpleFormatter.format=%1$tT.%1$tL %4$s [%3$s] %5$s%6$s%n",
                        "-cp",
                        System.getProperty("java.class.path"),
                        "-Dbroker.data-dir=" + dataDir,
                        "-Dbroker.port=" + port,
                        "-Dbroker.password=" + password,
                        "-Dbroker.controller-port=" + controllerPort,
                        "-Dbroker.ready-file=" + ready,
                        KafkaBrokerProcess.class.getName()))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      started = process;
      readyFile = ready;
      logFile = log;
    }
    // Outside the lock, so a kill (the shutdown hook's) is never held up by a slow start.
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(50))
        .failFast("the broker process exited; see " + logFile, () -> !started.isAlive())
        .until(() -> Files.exists(readyFile));
  }

  /**
   * SIGKILL (Process.destroyForcibly on Linux): no shutdown hook runs, nothing is flushed or closed
   * cleanly.
   */
  synchronized void kill() {
    if (process == null) {
      return;
    }
    process.destroyForcibly();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException(
            "the broker process " + process.pid() + " outlived SIGKILL");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while killing the broker process", e);
    }
  }

  synchronized boolean isAlive() {
    return process != null && process.isAlive();
  }

  /** The current (or last) process's log file. */
  synchronized Path log() {
    return log;
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
