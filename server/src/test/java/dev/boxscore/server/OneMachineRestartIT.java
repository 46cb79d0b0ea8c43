package dev.boxscore.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * No dead time after a restart: the one-machine server (packaged, as a child JVM) is stopped and
 * started again on the same data directory, and a span sent right after it says ready is visible
 * through the API within 2 s: after a graceful stop (SIGTERM, what Ctrl-C through the launcher
 * amounts to) and after SIGKILL. Readiness includes the ingest role's group join, and the ingest
 * consumer is a static group member (stable id in this mode), so the restarted process neither
 * waits for the old member's session to expire (45 s) nor says ready before it can store.
 */
class OneMachineRestartIT {
  static final String KAFKA_PASSWORD = "restart-it-kafka-secret";

  static final String KEY = "bx_restart_it_key";
  static final Duration VISIBLE_WITHIN = Duration.ofSeconds(2);

  /** The ingest consumer group as the embedded broker sees it, for failure messages. */
  private static java.util.function.Supplier<String> group = () -> "(not known yet)";

  @Test
  void aSpanSentRightAfterReadyIsVisibleWithinTwoSecondsAfterAStopAndAfterAKill() throws Exception {
    Path data = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "restart-it-");
    // A known broker password, so the diagnostics below can describe the ingest group on the
    // embedded broker.
    Map<String, String> env =
        Map.of(
            "BOXSCORE_DATA_DIR",
            data.toString(),
            "BOXSCORE_BOOTSTRAP_KEY",
            KEY,
            "BOXSCORE_KAFKA_SASL_PASSWORD",
            KAFKA_PASSWORD);

    ServerProcess first = ServerProcess.start("restart-1-first", env);
    first.awaitReady(Duration.ofSeconds(120));
    assertVisibleWithin(first, "first start", Duration.ofSeconds(30));
    group = () -> ingestGroup(data);
    assertThat(first.stop()).as("exit after SIGTERM").isEqualTo(143);

    ServerProcess afterStop = ServerProcess.start("restart-2-after-stop", env);
    Duration ready = afterStop.awaitReady(Duration.ofSeconds(120));
    Duration visible = assertVisibleWithin(afterStop, "restart after SIGTERM", VISIBLE_WITHIN);
    System.out.printf(
        "OneMachineRestartIT after SIGTERM: ready in %d ms, span visible in %d ms%n",
        ready.toMillis(), visible.toMillis());
    afterStop.kill();

    ServerProcess afterKill = ServerProcess.start("restart-3-after-kill", env);
    ready = afterKill.awaitReady(Duration.ofSeconds(120));
    visible = assertVisibleWithin(afterKill, "restart after SIGKILL", VISIBLE_WITHIN);
    System.out.printf(
        "OneMachineRestartIT after SIGKILL: ready in %d ms, span visible in %d ms%n",
        ready.toMillis(), visible.toMillis());
    assertThat(afterKill.stop()).isEqualTo(143);
  }

  /**
   * Sends one trace over OTLP/HTTP and waits until GET /api/v1/traces/{id} finds it; returns how
   * long that took.
   */
  private static Duration assertVisibleWithin(ServerProcess server, String when, Duration atMost) {
    String[] traceId = {null};
    boolean sent =
        Otlp.export(
            Otlp.httpExporter(server.otlpHttpPort, KEY),
            "restart-it",
            tracer -> traceId[0] = Otlp.chatTrace(tracer, "gpt-4o-mini", 10, 5));
    assertThat(sent).as("OTLP export accepted (%s)", when).isTrue();
    long sentAt = System.nanoTime();
    try {
      await()
          .atMost(atMost)
          .pollInterval(Duration.ofMillis(50))
          .ignoreExceptions()
          .until(() -> server.get("/api/v1/traces/" + traceId[0], KEY).statusCode() == 200);
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError(
          "span not visible within "
              + atMost
              + " ("
              + when
              + "); readiness: "
              + readiness(server)
              + "\ningest group: "
              + group.get()
              + "\nlog tail:\n"
              + server.logTail(),
          e);
    }
    return Duration.ofNanos(System.nanoTime() - sentAt);
  }

  /**
   * State and members of the ingest group on the data directory's embedded broker (ports kept in
   * the data dir).
   */
  private static String ingestGroup(Path data) {
    try {
      java.util.Properties ports = new java.util.Properties();
      try (var in = Files.newInputStream(data.resolve("kafka-ports.properties"))) {
        ports.load(in);
      }
      java.util.Properties props =
          KafkaTestClients.plain("127.0.0.1:" + ports.getProperty("broker"), KAFKA_PASSWORD);
      props.put("default.api.timeout.ms", 5000);
      props.put("request.timeout.ms", 3000);
      try (org.apache.kafka.clients.admin.Admin admin =
          org.apache.kafka.clients.admin.Admin.create(props)) {
        var d =
            admin
                .describeConsumerGroups(java.util.List.of("boxscore-ingest"))
                .all()
                .get()
                .get("boxscore-ingest");
        return d.groupState()
            + " "
            + d.members().stream()
                .map(
                    m ->
                        m.consumerId()
                            + m.groupInstanceId().map(i -> " (static " + i + ")").orElse("")
                            + " "
                            + m.assignment().topicPartitions())
                .toList();
      }
    } catch (Exception e) {
      return e.toString();
    }
  }

  private static String readiness(ServerProcess server) {
    try {
      HttpResponse<String> r = server.get("/q/health/ready", null);
      return r.statusCode() + " " + r.body();
    } catch (Exception e) {
      return e.toString();
    }
  }
}
