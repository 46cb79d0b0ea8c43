package dev.boxscore.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.boxscore.collector.CollectorRole;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The Kafka broker stopped and started again, several times, while the collector acknowledges
 * traffic and ingest consumes it: the collector answers 503 while the broker is away and the client
 * retries (as an OTLP exporter does), the collector's idempotent producer carries on after each
 * restart, and at the end acknowledged spans == stored rows (without FINAL) and raw, rollup and
 * /metrics cost == expected cost, exactly. Restart moments and outage lengths come from a fixed
 * seed. Soak: {@code -Dtest=BrokerRestartTest -Dboxscore.soak.restart-traces=5000
 * -Dboxscore.soak.restarts=10}.
 */
@QuarkusTest
class BrokerRestartTest {
  static final long SEED = 11L;
  static final int TRACES = Integer.getInteger("boxscore.soak.restart-traces", 500);
  static final int RESTARTS = Integer.getInteger("boxscore.soak.restarts", 2);

  @Inject CollectorRole collector;

  @Test
  void everyAcknowledgedSpanIsStoredOnceAcrossBrokerRestarts() throws Exception {
    Instant started = Instant.now();
    Random plan = new Random(SEED);
    Projects.Created project = Projects.create("broker-restart-" + UUID.randomUUID());
    CollectorTraffic traffic =
        new CollectorTraffic(SEED, collector.httpPort(), project.adminKey(), "broker-restart");
    CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> traffic.send(TRACES));
    OneMachine machine = EmbeddedInfrastructure.machine();
    for (int r = 1; r <= RESTARTS; r++) {
      long at = (long) TRACES * r / (RESTARTS + 1);
      await()
          .atMost(Duration.ofSeconds(120))
          .pollInterval(Duration.ofMillis(20))
          .until(() -> traffic.acknowledgedCalls() >= at || sending.isDone());
      long retriesBefore = traffic.retries();
      machine.kafka().stop();
      try {
        // The outage lasts until the client has been refused at least once (observed), plus a
        // seeded while.
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> traffic.retries() > retriesBefore || sending.isDone());
        // Pacing only: the seeded extra length varies the outage; nothing is assumed to happen
        // during it.
        await().pollDelay(Duration.ofMillis(plan.nextInt(3000))).until(() -> true);
      } finally {
        machine.kafka().start();
      }
    }
    sending.get(180, TimeUnit.SECONDS);
    System.out.printf(
        "BrokerRestartTest seed %d: %d traces, %d spans acknowledged, %d refused and retried, %d restarts%n",
        SEED,
        traffic.acknowledgedCalls(),
        traffic.acknowledgedSpans(),
        traffic.retries(),
        RESTARTS);
    assertThat(traffic.retries()).as("the outages were felt by the client").isPositive();

    long expected = traffic.acknowledgedSpans();
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(300))
        .until(
            () ->
                StoredSpans.ofService(project.id(), traffic.service()).distinctSpans() == expected);
    IngestKilledTest.assertExactlyOnce(project, traffic, started);
  }
}
