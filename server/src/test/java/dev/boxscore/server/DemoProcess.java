package dev.boxscore.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The demo service in a child JVM under the stock OpenTelemetry agent and the Boxscore extension,
 * calling the provider simulator without end (one ticket every {@code interval}) and exporting to
 * the collector under test until it is closed; closing stops it as an operator would (SIGTERM), so
 * the agent flushes what it holds.
 */
final class DemoProcess implements AutoCloseable {
  private static final Path DEMO = Path.of("..", "demo", "target").toAbsolutePath().normalize();
  private static final Path EXTENSION =
      Path.of("..", "otel-agent-ext", "target", "boxscore-otel-extension.jar")
          .toAbsolutePath()
          .normalize();

  private final Process process;
  private final Path log;

  DemoProcess(String service, String simulatorUrl, int collectorPort, String key, String interval)
      throws IOException {
    assertThat(DEMO.resolve("boxscore-demo.jar")).exists();
    assertThat(EXTENSION).exists();
    log = Files.createTempFile("alerts-demo", ".log");
    String java = ProcessHandle.current().info().command().orElse("java");
    process =
        new ProcessBuilder(
                java,
                "-Xmx256m",
                "-javaagent:" + DEMO.resolve("otel").resolve("opentelemetry-javaagent.jar"),
                "-Dotel.javaagent.extensions=" + EXTENSION,
                "-Dotel.service.name=" + service,
                "-Dotel.exporter.otlp.protocol=http/protobuf",
                "-Dotel.exporter.otlp.endpoint=http://127.0.0.1:" + collectorPort,
                "-Dotel.exporter.otlp.headers=Authorization=Bearer%20" + key,
                "-Dotel.metrics.exporter=none",
                "-Dotel.logs.exporter=none",
                "-Dotel.bsp.schedule.delay=200",
                "-jar",
                DEMO.resolve("boxscore-demo.jar").toString(),
                "--simulator",
                simulatorUrl,
                "--iterations",
                "0",
                "--interval",
                interval,
                "--error-percent",
                "0")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
  }

  boolean alive() {
    return process.isAlive();
  }

  /** What the demo printed so far. */
  String output() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(unreadable: " + e + ")";
    }
  }

  @Override
  public void close() throws InterruptedException, IOException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    Files.deleteIfExists(log);
  }
}
