package dev.boxscore.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.GroupState;
import org.junit.jupiter.api.Test;

/**
 * Two query processes on one external Kafka and ClickHouse: exactly one evaluates the alert rules
 * (the member of the Kafka group {@code boxscore-alert-evaluator} assigned its one partition), so a
 * firing alert is notified once, not once per process. When the evaluator is killed (SIGKILL: it
 * neither leaves the group nor finishes anything), the other takes over once the group's session
 * timeout ({@code BOXSCORE_QUERY_ALERTS_FAILOVER_TIMEOUT}) has passed, does not notify the firing
 * alert again (the notification log is stored), and delivers the resolve once the condition ends.
 * Process A runs every role (it also collects and stores the test's traffic), B only the query
 * role; which of them is elected is the group's choice, and the test kills whichever it is.
 */
class AlertEvaluatorFailoverIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String KEY = "bx_failover_it_key";
  static final String SERVICE = "failover-it";
  static final Duration START = Duration.ofSeconds(180);
  static final Duration FAILOVER = Duration.ofSeconds(6);

  @Test
  void oneEvaluatorNotifiesOnceAndTheOtherTakesOverWithoutRepeatingItselfOrLosingTheResolve()
      throws Exception {
    Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "failover-");
    try (OneMachine external = OneMachine.start(dir.resolve("infra"), true, true, KEY);
        WebhookReceiver receiver = new WebhookReceiver(0)) {
      Map<String, String> env = new HashMap<>();
      env.put("BOXSCORE_KAFKA_BOOTSTRAP", external.kafka().bootstrapServers());
      env.put("BOXSCORE_KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT");
      env.put("BOXSCORE_KAFKA_SASL_MECHANISM", "PLAIN");
      env.put("BOXSCORE_KAFKA_SASL_USERNAME", external.kafka().username());
      env.put("BOXSCORE_KAFKA_SASL_PASSWORD", external.kafka().password());
      env.put("BOXSCORE_CLICKHOUSE_URL", external.clickHouse().url());
      env.put("BOXSCORE_CLICKHOUSE_USERNAME", external.clickHouse().username());
      env.put("BOXSCORE_CLICKHOUSE_PASSWORD", external.clickHouse().password());
      env.put("BOXSCORE_BOOTSTRAP_KEY", KEY);
      env.put("BOXSCORE_BIND", "127.0.0.1");
      env.put("BOXSCORE_QUERY_ALERTS_FAILOVER_TIMEOUT", FAILOVER.toSeconds() + "s");

      Map<String, String> envA = new HashMap<>(env);
      envA.put("BOXSCORE_DATA_DIR", dir.resolve("a").toString());
      Map<String, String> envB = new HashMap<>(env);
      envB.put("BOXSCORE_DATA_DIR", dir.resolve("b").toString());
      envB.put("BOXSCORE_ROLES", "query");
      List<ServerProcess> servers = new ArrayList<>();
      try {
        ServerProcess a = ServerProcess.start("failover-a-all-roles", envA);
        servers.add(a);
        ServerProcess b = ServerProcess.start("failover-b-query", envB);
        servers.add(b);
        for (ServerProcess s : servers) {
          System.out.printf(
              "AlertEvaluatorFailoverIT: %s ready after %d ms more%n",
              s.name, s.awaitReady(START).toMillis());
        }
        Properties kafka = KafkaTestClients.of(external.kafka());

        // Both have joined the election group, and from then on exactly one evaluates, over
        // several of its rounds.
        await()
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(200))
            .ignoreExceptions()
            .until(() -> stableMembers(kafka) == 2);
        ServerProcess evaluator =
            await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> theOneEvaluator(servers), e -> e != null);
        ServerProcess standby = evaluator == a ? b : a;
        Instant firstRound = Instant.parse(status(evaluator).path("lastRoundAt").asText());
        await()
            .during(Duration.ofSeconds(3))
            .atMost(Duration.ofSeconds(10))
            .pollInterval(Duration.ofMillis(250))
            .until(() -> theOneEvaluator(servers) == evaluator);
        JsonNode standbyStatus = status(standby);
        assertThat(standbyStatus.path("evaluatorEnabled").asBoolean()).isTrue();
        assertThat(standbyStatus.path("evaluator").asBoolean()).isFalse();
        assertThat(Instant.parse(status(evaluator).path("lastRoundAt").asText()))
            .as("the evaluator kept running rounds (tick 1 s)")
            .isAfterOrEqualTo(firstRound.plusSeconds(2));
        System.out.printf("AlertEvaluatorFailoverIT: %s is the evaluator%n", evaluator.name);

        // The rule's 1-minute window counts the minute rollups the window touches, so traffic
        // keeps it firing until the end of the minute after the traffic's minute: traffic before
        // the 50th second of a minute leaves the takeover at least 70 s of firing.
        await()
            .atMost(Duration.ofSeconds(20))
            .pollInterval(Duration.ofMillis(200))
            .until(() -> LocalTime.now(ZoneOffset.UTC).getSecond() < 50);
        List<String> traces = sendTraffic(a, 3);
        await()
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(100))
            .ignoreExceptions()
            .until(
                () ->
                    traces.stream()
                        .allMatch(id -> get(b, "/api/v1/traces/" + id).statusCode() == 200));

        // A channel and a rule that fires on any call, made through the standby: rules and
        // channels are stored, so the evaluator sees them whichever process took them.
        JsonNode channel =
            post(
                standby,
                "/api/v1/alerts/channels",
                Map.of(
                    "name",
                    "failover receiver",
                    "type",
                    "webhook",
                    "url",
                    receiver.url(),
                    "groupWait",
                    "0s",
                    "groupInterval",
                    "1s"));
        JsonNode rule =
            post(
                standby,
                "/api/v1/alerts/rules",
                Map.of(
                    "name",
                    "failover calls",
                    "kind",
                    "threshold",
                    "filter",
                    Map.of("service", SERVICE),
                    "metric",
                    "calls",
                    "window",
                    "1m",
                    "op",
                    ">",
                    "threshold",
                    0,
                    "interval",
                    "10s",
                    "channels",
                    List.of(channel.path("id").asText())));
        String ruleId = rule.path("id").asText();

        await()
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(100))
            .until(() -> !receiver.delivered().isEmpty());
        JsonNode fired = receiver.delivered().get(0).json();
        assertThat(fired.path("status").asText()).isEqualTo("firing");
        assertThat(fired.path("alerts")).hasSize(1);
        String fingerprint = fired.path("alerts").get(0).path("fingerprint").asText();
        assertThat(fired.path("alerts").get(0).path("labels").path("rule_id").asText())
            .isEqualTo(ruleId);
        // The evaluator evaluates the rule again (interval 10 s) and it still fires: nobody
        // notifies again, neither it (repeat interval 4 h) nor the standby.
        Instant firstEvaluation = firingAlert(b, ruleId).lastEvaluatedAt;
        await()
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(200))
            .ignoreExceptions()
            .until(() -> firingAlert(b, ruleId).lastEvaluatedAt.isAfter(firstEvaluation));
        await()
            .during(Duration.ofSeconds(2))
            .atMost(Duration.ofSeconds(5))
            .pollInterval(Duration.ofMillis(100))
            .until(() -> receiver.all().size() == 1);
        assertThat(status(standby).path("evaluator").asBoolean()).isFalse();

        // SIGKILL the evaluator: the standby takes over once the group gives up on it.
        Instant killedAt = Instant.now();
        long killed = System.nanoTime();
        evaluator.kill();
        await()
            .atMost(FAILOVER.plusSeconds(15))
            .pollInterval(Duration.ofMillis(100))
            .ignoreExceptions()
            .until(() -> status(standby).path("evaluator").asBoolean());
        Duration takeover = Duration.ofNanos(System.nanoTime() - killed);
        System.out.printf(
            "AlertEvaluatorFailoverIT: %s took over %d ms after the SIGKILL of %s"
                + " (failover timeout %d s)%n",
            standby.name, takeover.toMillis(), evaluator.name, FAILOVER.toSeconds());
        assertThat(takeover)
            .as("takeover within the failover timeout and a few seconds")
            .isLessThanOrEqualTo(FAILOVER.plusSeconds(8));

        // The new evaluator evaluates the alert, still firing, and does not notify it again.
        Alert stillFiring =
            await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .ignoreExceptions()
                .until(
                    () -> firingAlert(standby, ruleId), f -> f.lastEvaluatedAt.isAfter(killedAt));
        System.out.printf(
            "AlertEvaluatorFailoverIT: first evaluation by %s %d ms after the SIGKILL%n",
            standby.name, Duration.between(killedAt, stillFiring.lastEvaluatedAt).toMillis());
        await()
            .during(Duration.ofSeconds(3))
            .atMost(Duration.ofSeconds(6))
            .pollInterval(Duration.ofMillis(100))
            .until(() -> receiver.all().size() == 1);

        // The condition ends (the rule's threshold is raised above the traffic, through the
        // process that was killed's peer): the new evaluator resolves the alert and delivers the
        // resolve once. (Waiting for the traffic to leave its 1-minute window takes 60-120 s.)
        ((com.fasterxml.jackson.databind.node.ObjectNode) rule).put("threshold", 1000);
        HttpResponse<String> raised =
            ServerProcess.HTTP.send(
                HttpRequest.newBuilder(
                        URI.create(
                            "http://127.0.0.1:"
                                + standby.httpPort
                                + "/api/v1/alerts/rules/"
                                + ruleId))
                    .timeout(Duration.ofSeconds(10))
                    .header("Authorization", "Bearer " + KEY)
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(rule)))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(raised.statusCode()).as(raised.body()).isEqualTo(200);
        long waitingForResolve = System.nanoTime();
        await()
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(200))
            .until(() -> receiver.delivered().size() >= 2);
        System.out.printf(
            "AlertEvaluatorFailoverIT: resolve delivered %d ms after the takeover was seen%n",
            Duration.ofNanos(System.nanoTime() - waitingForResolve).toMillis());
        JsonNode resolved = receiver.delivered().get(1).json();
        assertThat(resolved.path("status").asText()).isEqualTo("resolved");
        assertThat(resolved.path("alerts")).hasSize(1);
        assertThat(resolved.path("alerts").get(0).path("fingerprint").asText())
            .isEqualTo(fingerprint);
        await()
            .during(Duration.ofSeconds(3))
            .atMost(Duration.ofSeconds(6))
            .pollInterval(Duration.ofMillis(100))
            .until(() -> receiver.all().size() == 2);
        assertThat(status(standby).path("evaluator").asBoolean()).isTrue();
      } finally {
        for (ServerProcess s : servers) {
          try {
            if (s.isAlive()) {
              s.stop();
            }
          } catch (Exception e) {
            System.out.println("stopping " + s.name + ": " + e);
          }
        }
      }
    }
  }

  /** The one server saying it evaluates; null when none does; fails when both do. */
  private static ServerProcess theOneEvaluator(List<ServerProcess> servers) throws Exception {
    List<ServerProcess> evaluating = new ArrayList<>();
    for (ServerProcess s : servers) {
      if (status(s).path("evaluator").asBoolean()) {
        evaluating.add(s);
      }
    }
    if (evaluating.size() > 1) {
      throw new IllegalStateException("two evaluators: " + evaluating);
    }
    return evaluating.isEmpty() ? null : evaluating.get(0);
  }

  /** Members of the election group, when it is stable (else -1). */
  private static int stableMembers(Properties kafka) throws Exception {
    try (Admin admin = Admin.create(kafka)) {
      ConsumerGroupDescription group =
          admin
              .describeConsumerGroups(List.of("boxscore-alert-evaluator"))
              .all()
              .get()
              .get("boxscore-alert-evaluator");
      return group.groupState() == GroupState.STABLE ? group.members().size() : -1;
    }
  }

  private static JsonNode status(ServerProcess s) throws Exception {
    HttpResponse<String> r = get(s, "/api/v1/alerts/status");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  record Alert(String state, Instant lastEvaluatedAt) {}

  /** The rule's alert as the server lists it; fails unless it is firing. */
  private static Alert firingAlert(ServerProcess s, String ruleId) throws Exception {
    HttpResponse<String> r = get(s, "/api/v1/alerts");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    for (JsonNode a : JSON.readTree(r.body()).path("alerts")) {
      if (a.path("ruleId").asText().equals(ruleId)) {
        Alert alert =
            new Alert(a.path("state").asText(), Instant.parse(a.path("lastEvaluatedAt").asText()));
        assertThat(alert.state()).as(a.toString()).isEqualTo("firing");
        return alert;
      }
    }
    throw new AssertionError("no alert of rule " + ruleId + ": " + r.body());
  }

  /** Sends {@code n} traces (one LLM call each) to the collector of {@code s}; their ids. */
  private static List<String> sendTraffic(ServerProcess s, int n) {
    List<String> ids = new ArrayList<>();
    boolean sent =
        Otlp.export(
            Otlp.httpExporter(s.otlpHttpPort, KEY),
            SERVICE,
            tracer -> {
              for (int i = 0; i < n; i++) {
                ids.add(Otlp.chatTrace(tracer, "gpt-4o-mini", 10, 5));
              }
            });
    assertThat(sent).as("the collector accepted the OTLP request").isTrue();
    return ids;
  }

  private static HttpResponse<String> get(ServerProcess s, String path) {
    try {
      return s.get(path, KEY);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode post(ServerProcess s, String path, Object body) throws Exception {
    HttpResponse<String> r =
        ServerProcess.HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.httpPort + path))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return JSON.readTree(r.body());
  }
}
