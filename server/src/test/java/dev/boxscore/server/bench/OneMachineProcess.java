package dev.boxscore.server.bench;

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
import java.util.concurrent.TimeUnit;

/**
 * The packaged server as {@code ./boxscore up} runs it ({@code java -Xmx1g -jar quarkus-run.jar},
 * every role, embedded Kafka and ClickHouse) in a child JVM on free ports, for benchmarks that must
 * see the server's own CPU and memory apart from the client's.
 */
final class OneMachineProcess implements AutoCloseable {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final Process process;
  private final Path log;
  final Path dataDir;
  final int apiPort;
  final int otlpHttpPort;
  final int otlpGrpcPort;
  final String key;

  private OneMachineProcess(
      Process process, Path log, Path dataDir, int api, int http, int grpc, String key) {
    this.process = process;
    this.log = log;
    this.dataDir = dataDir;
    this.apiPort = api;
    this.otlpHttpPort = http;
    this.otlpGrpcPort = grpc;
    this.key = key;
  }

  /**
   * Starts the server on {@code dataDir} with {@code jvmOptions} (the launcher's default heap
   * unless they say otherwise) and settings in {@code env} ({@code BOXSCORE_*}), and waits until it
   * is ready.
   */
  static OneMachineProcess start(
      Path dataDir, String key, List<String> jvmOptions, java.util.Map<String, String> env)
      throws IOException {
    String jar = System.getProperty("boxscore.server.jar", "target/quarkus-app/quarkus-run.jar");
    if (jar.isBlank() || !Files.exists(Path.of(jar))) {
      jar = "target/quarkus-app/quarkus-run.jar";
    }
    if (!Files.exists(Path.of(jar))) {
      throw new IllegalStateException(jar + " is missing: run after the package phase (failsafe)");
    }
    int api = freePort();
    int http = freePort();
    int grpc = freePort();
    Path log = dataDir.resolveSibling(dataDir.getFileName() + ".log");
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.add("-Xmx1g");
    command.addAll(jvmOptions);
    command.addAll(
        List.of(
            "-Dquarkus.http.port=" + api,
            "-Dboxscore.collector.http-port=" + http,
            "-Dboxscore.collector.grpc-port=" + grpc,
            "-jar",
            jar));
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().keySet().removeIf(k -> k.startsWith("BOXSCORE_"));
    builder.environment().put("BOXSCORE_DATA_DIR", dataDir.toString());
    builder.environment().put("BOXSCORE_BOOTSTRAP_KEY", key);
    builder.environment().putAll(env);
    Process process = builder.start();
    Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, "bench-server-kill"));
    OneMachineProcess server = new OneMachineProcess(process, log, dataDir, api, http, grpc, key);
    await()
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofMillis(100))
        .failFast("the server exited; see " + log, () -> !process.isAlive())
        .ignoreExceptions()
        .until(() -> server.get("/q/health/ready").statusCode() == 200);
    return server;
  }

  long pid() {
    return process.pid();
  }

  URI api() {
    return URI.create("http://127.0.0.1:" + apiPort);
  }

  URI otlpHttp() {
    return URI.create("http://127.0.0.1:" + otlpHttpPort + "/v1/traces");
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(api().resolve(path))
            .header("Authorization", "Bearer " + key)
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** SIGTERM, as Ctrl-C through the launcher; waits for the exit (the engine flushes). */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(90, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("the server did not stop within 90 s; see " + log);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
