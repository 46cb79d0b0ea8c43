package dev.boxscore.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.boxscore.collector.CollectorRole;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The Kafka broker PROCESS killed with SIGKILL, several times, while the collector acknowledges
 * traffic and ingest consumes it, and started again on the same data directory and ports ({@link
 * BrokerChild}): no clean shutdown, no flush, the log recovered at start-up, the old broker
 * registration left to expire. Two kinds of outage (the first two kills take one each, then the
 * seed chooses):
 *
 * <ul>
 *   <li>{@link Outage#BRIEF}: started again at once. The broker is back within the collector's
 *       publish timeout, so the batches the producer holds are sent to the new process under the
 *       same producer id and sequence numbers, which it must have recovered from its log: a batch
 *       written before the kill but never acknowledged is then recognised as a duplicate, not
 *       written twice.
 *   <li>{@link Outage#UNTIL_REFUSED}: dead until the client has been answered 503 (batches expired,
 *       the producer moves to a new epoch), plus a seeded while. The client retries (as an OTLP
 *       exporter does); a refused request whose record was written after all is stored once all the
 *       same.
 * </ul>
 *
 * At the end acknowledged spans == stored rows (without FINAL) and raw, rollup and /metrics cost ==
 * expected cost, exactly; and the spans topic holds every acknowledged trace and no send of the
 * collector's producer twice. Soak: {@code ./mvnw -B -pl server -am verify -DskipITs
 * -Dtest=BrokerKilledTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dboxscore.soak.broker-kill-traces=5000 -Dboxscore.soak.broker-kills=8}.
 */
@QuarkusTest
@TestProfile(ChildBrokerProfile.class)
class BrokerKilledTest {
  static final long SEED = 13L;
  static final int TRACES = Integer.getInteger("boxscore.soak.broker-kill-traces", 500);
  static final int KILLS = Integer.getInteger("boxscore.soak.broker-kills", 2);

  enum Outage {
    BRIEF,
    UNTIL_REFUSED
  }

  @Inject CollectorRole collector;

  @Test
  void everyAcknowledgedSpanIsStoredOnceAcrossBrokerKills() throws Exception {
    Instant started = Instant.now();
    Random plan = new Random(SEED);
    BrokerChild broker = ChildBrokerResource.broker();
    Projects.Created project = Projects.create("broker-killed-" + UUID.randomUUID());
    CollectorTraffic traffic =
        new CollectorTraffic(SEED, collector.httpPort(), project.adminKey(), "broker-killed");
    CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> traffic.send(TRACES));
    Map<String, String> outages = new TreeMap<>();
    long spacing = Math.max(1, TRACES / (KILLS + 1));
    for (int k = 1; k <= KILLS; k++) {
      Outage outage = Outage.values()[k <= 2 ? k - 1 : plan.nextInt(2)];
      // Spread over the run, each moment moved by a seeded part of the spacing.
      long at = spacing * k - spacing / 4 + plan.nextInt((int) Math.max(1, spacing / 2));
      long extraMillis = plan.nextInt(3000);
      await()
          .atMost(Duration.ofSeconds(120))
          .pollInterval(Duration.ofMillis(20))
          .until(() -> traffic.acknowledgedCalls() >= at || sending.isDone());
      long retriesBefore = traffic.retries();
      long killedAt = System.nanoTime();
      broker.kill();
      try {
        if (outage == Outage.UNTIL_REFUSED) {
          await()
              .atMost(Duration.ofSeconds(60))
              .until(() -> traffic.retries() > retriesBefore || sending.isDone());
          // Pacing only: the seeded extra length varies the outage; nothing is assumed to happen
          // during it.
          await().pollDelay(Duration.ofMillis(extraMillis)).until(() -> true);
        }
      } finally {
        broker.start();
      }
      outages.merge(
          outage.name(),
          (System.nanoTime() - killedAt) / 1_000_000 + " ms",
          (a, b) -> a + ", " + b);
    }
    sending.get(180, TimeUnit.SECONDS);
    System.out.printf(
        "BrokerKilledTest seed %d: %d traces, %d spans acknowledged, %d refused and retried, "
            + "%d SIGKILLs, kill to broker ready: %s%n",
        SEED,
        traffic.acknowledgedCalls(),
        traffic.acknowledgedSpans(),
        traffic.retries(),
        KILLS,
        outages);
    assertThat(traffic.retries()).as("the outages were felt by the client").isPositive();

    long expected = traffic.acknowledgedSpans();
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(300))
        .until(
            () ->
                StoredSpans.ofService(project.id(), traffic.service()).distinctSpans() == expected);
    IngestKilledTest.assertExactlyOnce(project, traffic, started);

    PublishedRecords.Tally published =
        PublishedRecords.of(broker.bootstrapServers(), broker.clientProperties(), project.id());
    System.out.printf(
        "BrokerKilledTest: %d records in the spans topic for %d acknowledged traces (the others: "
            + "resent after a 200, or refused yet written; stored once each), %d s%n",
        published.records(),
        traffic.acknowledgedCalls(),
        Duration.between(started, Instant.now()).toSeconds());
    assertThat(published.sendsWrittenTwice()).as("sends written twice to the spans topic").isZero();
    assertThat(published.records()).isGreaterThanOrEqualTo(traffic.acknowledgedCalls());
  }
}
