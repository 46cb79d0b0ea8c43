package dev.boxscore.server;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged server ({@code target/quarkus-app/quarkus-run.jar}, what {@code ./boxscore up} runs)
 * as a child JVM: {@link BoxscoreMain} with its one-machine logic, on free ports, with the given
 * environment ({@code BOXSCORE_*}). For integration tests (failsafe, after the package phase). Each
 * start logs to its own file; a child still running when the test JVM exits is killed.
 */
final class ServerProcess {
  static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final Process process;
  private final Path log;
  final int httpPort;
  final int otlpHttpPort;
  final String name;

  private ServerProcess(String name, Process process, Path log, int httpPort, int otlpHttpPort) {
    this.name = name;
    this.process = process;
    this.log = log;
    this.httpPort = httpPort;
    this.otlpHttpPort = otlpHttpPort;
  }

  /** Starts the server with this environment (added to the test JVM's); returns at once. */
  static ServerProcess start(String name, Map<String, String> env) {
    String jar = System.getProperty("boxscore.server.jar", "target/quarkus-app/quarkus-run.jar");
    if (!Files.exists(Path.of(jar))) {
      throw new IllegalStateException(
          jar + " is missing: these tests run after the package phase (failsafe)");
    }
    int http = freePort();
    int otlpHttp = freePort();
    int otlpGrpc = freePort();
    try {
      Path logs = Files.createDirectories(Path.of("target", "server-child").toAbsolutePath());
      Path log = logs.resolve(name + ".log");
      List<String> command =
          new ArrayList<>(
              List.of(
                  ProcessHandle.current().info().command().orElse("java"),
                  "-Xmx512m",
                  "-XX:+UseSerialGC",
                  "-XX:TieredStopAtLevel=1",
                  "-Dquarkus.http.port=" + http,
                  "-Dboxscore.collector.http-port=" + otlpHttp,
                  "-Dboxscore.collector.grpc-port=" + otlpGrpc,
                  "-jar",
                  jar));
      ProcessBuilder builder =
          new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
      builder.environment().keySet().removeIf(k -> k.startsWith("BOXSCORE_"));
      builder.environment().putAll(env);
      Process process = builder.start();
      Runtime.getRuntime()
          .addShutdownHook(new Thread(process::destroyForcibly, "server-child-kill"));
      return new ServerProcess(name, process, log, http, otlpHttp);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits until {@code /q/health/ready} answers 200; returns the time it took from now. */
  Duration awaitReady(Duration atMost) {
    long started = System.nanoTime();
    await()
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(50))
        .failFast("the server " + name + " exited; see " + log, () -> !process.isAlive())
        .ignoreExceptions()
        .until(() -> get("/q/health/ready", null).statusCode() == 200);
    return Duration.ofNanos(System.nanoTime() - started);
  }

  HttpResponse<String> get(String path, String key) throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
            .timeout(Duration.ofSeconds(5));
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /**
   * SIGTERM (what Ctrl-C through the launcher amounts to) and wait for the exit; returns the exit
   * code.
   */
  int stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      throw new AssertionError(name + " did not stop within 60 s of SIGTERM; log: " + log);
    }
    return process.exitValue();
  }

  /** SIGKILL (Process.destroyForcibly on Linux): no shutdown hook runs. */
  int kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
    return process.exitValue();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** The end of this start's log, for assertion messages. */
  String logTail() {
    try {
      String text = Files.readString(log);
      return text.length() > 6000 ? text.substring(text.length() - 6000) : text;
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
