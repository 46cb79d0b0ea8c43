package dev.boxscore.server;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.boxscore.collector.CollectorRole;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.MemberToRemove;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Exactly once while the ingest PROCESS is killed with SIGKILL: ingest runs as a child JVM ({@link
 * IngestProcess}, the ingest role's consumer, loop and writer) on the test JVM's broker and the
 * embedded ClickHouse engine's HTTP adapter, while traffic flows through the collector of the
 * application under test. Each round (plan fixed by the seed) starts the process, sends a chunk of
 * traffic, and ends the process one of three ways: halted right after an insert before its offset
 * commit (the replay window), halted mid-batch before its insert, or killed with SIGKILL
 * (Process.destroyForcibly) at a random moment. A last process finishes the backlog. Ends with
 * acknowledged spans == stored rows counted WITHOUT FINAL, and the cost of the raw spans == the
 * cost of the minute and hour rollups == the /metrics answer == the expected cost, exactly.
 *
 * <p>The child joins the application's own ingest in its consumer group, as a second ingest process
 * of a deployment would, and owns part of the partitions; it is a static member (fixed {@code
 * group.instance.id}), so a restarted child takes its partitions back at once and the killed one's
 * share waits for it rather than moving. (A Quarkus test profile that turns the in-process ingest
 * off would restart the application, and the embedded engine lives once per process.) At the end
 * the static member is removed and the application's ingest owns every partition. Soak: {@code
 * ./mvnw -B -pl server -am verify -Dtest=IngestKilledTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dboxscore.soak.kill-traces=10000 -Dboxscore.soak.kills=40}.
 */
@QuarkusTest
class IngestKilledTest {
  static final long SEED = 5L;
  static final int TRACES = Integer.getInteger("boxscore.soak.kill-traces", 400);
  static final int KILLS = Integer.getInteger("boxscore.soak.kills", 4);
  static final String GROUP = "boxscore-ingest";
  static final String INSTANCE = "ingest-child";
  private static final ObjectMapper EXACT_JSON =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  enum Ending {
    HALT_AFTER_INSERT,
    HALT_BEFORE_INSERT,
    SIGKILL_AT_RANDOM_TIME
  }

  @Inject CollectorRole collector;

  @Test
  void everyAcknowledgedSpanIsStoredOnceWhileTheIngestProcessIsKilled() throws Exception {
    Instant started = Instant.now();
    Random plan = new Random(SEED);
    Projects.Created project = Projects.create("killed-ingest-" + UUID.randomUUID());
    CollectorTraffic traffic =
        new CollectorTraffic(SEED, collector.httpPort(), project.adminKey(), "killed-ingest");
    int chunk = Math.max(1, TRACES / KILLS);
    Map<String, Integer> endings = new TreeMap<>();
    String memberId = null;

    for (int round = 0; round < KILLS; round++) {
      // The first three rounds take each ending once; then the seed chooses.
      Ending ending = Ending.values()[round < 3 ? round : plan.nextInt(3)];
      int inserts = 1 + plan.nextInt(2);
      long killAfterMillis = plan.nextInt(1500);
      int traces = round == KILLS - 1 ? TRACES - chunk * (KILLS - 1) : chunk;
      IngestChild child = IngestChild.start(round, ending, inserts);
      child.awaitReady();
      memberId = awaitAssignment(memberId);
      // The round's chunk, then more one by one while the child lives, so a halt point always
      // comes.
      CompletableFuture<Void> sending =
          CompletableFuture.runAsync(
              () -> {
                traffic.send(traces);
                for (int extra = 0; extra < chunk && child.isAlive(); extra++) {
                  traffic.send(1);
                }
              });
      int exit;
      if (ending == Ending.SIGKILL_AT_RANDOM_TIME) {
        // Pacing only: a seeded moment to kill at; nothing is assumed to have happened by then (the
        // child may be
        // mid-batch, between batches or idle), and the end of the test checks every outcome alike.
        await()
            .pollDelay(Duration.ofMillis(killAfterMillis))
            .atMost(Duration.ofSeconds(5))
            .until(() -> true);
        exit = child.kill();
      } else {
        exit = child.awaitExit(Duration.ofSeconds(60));
        int expected =
            ending == Ending.HALT_AFTER_INSERT
                ? IngestProcess.HALTED_AFTER_INSERT
                : IngestProcess.HALTED_BEFORE_INSERT;
        assertThat(exit)
            .as("round %d (%s) ended at its crash point; log:%n%s", round, ending, child.log())
            .isEqualTo(expected);
      }
      endings.merge(ending + " exit " + exit, 1, Integer::sum);
      sending.get(120, TimeUnit.SECONDS);
    }
    System.out.printf(
        "IngestKilledTest seed %d: %d traces, %d spans acknowledged, %d retried requests, endings %s%n",
        SEED, traffic.acknowledgedCalls(), traffic.acknowledgedSpans(), traffic.retries(), endings);

    // A last ingest process, never halted, works off what the killed ones left.
    IngestChild last = IngestChild.start(KILLS, null, 0);
    try {
      long expected = traffic.acknowledgedSpans();
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(300))
          .until(
              () ->
                  StoredSpans.ofService(project.id(), traffic.service()).distinctSpans()
                      == expected);
    } finally {
      last.kill();
    }
    System.out.printf(
        "IngestKilledTest took %d s%n", Duration.between(started, Instant.now()).toSeconds());
    assertExactlyOnce(project, traffic, started);
  }

  /**
   * Acknowledged == stored without FINAL; raw spans, both rollups and /metrics cost exactly the
   * expected sum.
   */
  static void assertExactlyOnce(
      Projects.Created project, CollectorTraffic traffic, Instant started) {
    StoredSpans.Totals totals = StoredSpans.ofService(project.id(), traffic.service());
    BigDecimal expectedCost = traffic.expectedCost();
    assertThat(totals.distinctSpans()).isEqualTo(traffic.acknowledgedSpans());
    assertThat(totals.rows())
        .as("rows without FINAL: no span stored twice")
        .isEqualTo(traffic.acknowledgedSpans());
    assertThat(totals.cost()).isEqualByComparingTo(expectedCost);
    for (String table : List.of("llm_minute_rollup", "llm_hour_rollup")) {
      // An insert's spans become visible a moment before the rows its views wrote to the rollups:
      // the caller waited
      // for the spans, so wait for the rollup to catch up (a lost row times out; a doubled one
      // fails below).
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(100))
          .until(
              () ->
                  StoredSpans.rollup(table, project.id(), traffic.service()).calls()
                      >= traffic.acknowledgedCalls());
      StoredSpans.Rollup rollup = StoredSpans.rollup(table, project.id(), traffic.service());
      assertThat(rollup.calls()).as(table + " calls").isEqualTo(traffic.acknowledgedCalls());
      BigDecimal cost =
          ListPrices.cost(
              ListPrices.of("openai", "gpt-4o-mini", started),
              rollup.inputTokens(),
              rollup.outputTokens());
      assertThat(cost).as(table + " cost").isEqualByComparingTo(expectedCost);
    }
    String body =
        given()
            .auth()
            .oauth2(project.adminKey())
            .queryParam("from", started.truncatedTo(ChronoUnit.HOURS).toString())
            .queryParam(
                "to",
                Instant.now().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1)).toString())
            .queryParam("bucket", "1h")
            .queryParam("service", traffic.service())
            .get("/api/v1/metrics")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    long calls = 0;
    BigDecimal cost = BigDecimal.ZERO;
    try {
      // Read as BigDecimal: a double would round the figure this compares exactly.
      for (JsonNode row : EXACT_JSON.readTree(body).path("rows")) {
        calls += row.path("calls").asLong();
        cost = cost.add(row.path("cost").path("usd").decimalValue());
      }
    } catch (IOException e) {
      throw new AssertionError(body, e);
    }
    assertThat(calls).as("/metrics calls").isEqualTo(traffic.acknowledgedCalls());
    assertThat(cost).as("/metrics cost").isEqualByComparingTo(expectedCost);
  }

  /**
   * Waits until the child's static member holds partitions under a new member id (the new process
   * replaced the killed one), so the traffic that follows reaches it; returns that member id.
   */
  private static String awaitAssignment(String previousMemberId) {
    String[] current = {null};
    try (Admin admin = KafkaTestClients.admin(EmbeddedInfrastructure.machine().kafka())) {
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(100))
          .ignoreExceptions()
          .until(
              () -> {
                for (MemberDescription m :
                    admin.describeConsumerGroups(List.of(GROUP)).all().get().get(GROUP).members()) {
                  if (m.groupInstanceId().filter(INSTANCE::equals).isPresent()
                      && !m.consumerId().equals(previousMemberId)
                      && !m.assignment().topicPartitions().isEmpty()) {
                    current[0] = m.consumerId();
                    return true;
                  }
                }
                return false;
              });
    }
    return current[0];
  }

  /**
   * The static member the children share leaves the group, so the next application's ingest joins
   * at once.
   */
  @AfterAll
  static void removeStaticMember() throws Exception {
    try (Admin admin = KafkaTestClients.admin(EmbeddedInfrastructure.machine().kafka())) {
      admin
          .removeMembersFromConsumerGroup(
              GROUP,
              new RemoveMembersFromConsumerGroupOptions(List.of(new MemberToRemove(INSTANCE))))
          .all()
          .get(30, TimeUnit.SECONDS);
    }
  }

  /** One ingest child process and its log. */
  static final class IngestChild {
    private final Process process;
    private final Path log;
    private final Path ready;

    private IngestChild(Process process, Path log, Path ready) {
      this.process = process;
      this.log = log;
      this.ready = ready;
    }

    /** Starts the ingest process; {@code ending} null: it runs until killed. */
    static IngestChild start(int round, Ending ending, int inserts) throws IOException {
      OneMachine machine = EmbeddedInfrastructure.machine();
      Path dir = Files.createDirectories(Path.of("target", "ingest-child")).toAbsolutePath();
      Path log = dir.resolve("round-" + round + ".log");
      Path ready = dir.resolve("round-" + round + ".ready");
      Files.deleteIfExists(ready);
      List<String> command =
          new ArrayList<>(
              List.of(
                  ProcessHandle.current().info().command().orElse("java"),
                  "-Xmx256m",
                  "-XX:+UseSerialGC",
                  "-XX:TieredStopAtLevel=1",
                  "-Djava.util.logging.manager=org.jboss.logmanager.LogManager",
                  "-cp",
                  System.getProperty("java.class.path"),
                  "-Dboxscore.kafka.bootstrap=" + machine.kafka().bootstrapServers(),
                  "-Dboxscore.kafka.sasl.username=" + machine.kafka().username(),
                  "-Dboxscore.kafka.sasl.password=" + machine.kafka().password(),
                  "-Dboxscore.clickhouse.url=" + machine.clickHouse().url(),
                  "-Dboxscore.clickhouse.username=" + machine.clickHouse().username(),
                  "-Dboxscore.clickhouse.password=" + machine.clickHouse().password(),
                  "-Dboxscore.ingest.group-id=" + GROUP,
                  "-Dboxscore.ingest.batch-max-spans=100",
                  "-Dingest.instance=" + INSTANCE,
                  "-Dingest.ready-file=" + ready));
      if (ending == Ending.HALT_AFTER_INSERT || ending == Ending.HALT_BEFORE_INSERT) {
        command.add(
            "-Dingest.halt-at="
                + (ending == Ending.HALT_AFTER_INSERT ? "after-insert" : "before-insert"));
        command.add("-Dingest.halt-after-inserts=" + inserts);
      }
      command.add(IngestProcess.class.getName());
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      return new IngestChild(process, log, ready);
    }

    boolean isAlive() {
      return process.isAlive();
    }

    void awaitReady() {
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(50))
          .failFast("ingest process exited:\n" + "see " + log, () -> !process.isAlive())
          .until(() -> Files.exists(ready));
    }

    /** SIGKILL (destroyForcibly on Linux); returns the exit code (137). */
    int kill() throws InterruptedException {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
      return process.exitValue();
    }

    int awaitExit(Duration timeout) throws InterruptedException {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        return kill();
      }
      return process.exitValue();
    }

    String log() {
      try {
        String text = Files.readString(log);
        return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
      } catch (IOException e) {
        return "(no log: " + e + ")";
      }
    }
  }
}
