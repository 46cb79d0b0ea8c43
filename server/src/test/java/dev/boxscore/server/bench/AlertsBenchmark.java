package dev.boxscore.server.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boxscore.collector.CollectorRole;
import dev.boxscore.query.service.alerts.AlertScheduler;
import dev.boxscore.server.AlertTrips;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The alert notification latency benchmark, not part of the build's tests (its name does not end in
 * Test, and it runs only with {@code -Dbenchmark.alerts=true}). Run it with
 *
 * <pre>
 * ./mvnw -B -pl server -am verify -DskipITs -Dui.browserTests.skip=true -Dtest=AlertsBenchmark \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dbenchmark.alerts=true \
 *     [-Dbenchmark.trips=20] [-Dbenchmark.interval=30]
 * </pre>
 *
 * The application runs as it does by default (the wall-clock evaluator elected through Kafka, a
 * round every second). In a project of its own it makes {@code benchmark.trips} error-rate rules
 * ({@code interval} {@code benchmark.interval} seconds, 5-minute window, more than half of at least
 * 5 calls failing) on one webhook channel with groupWait 0s, then trips each once with a burst of
 * 10 failing LLM calls sent in one OTLP/HTTP export, the bursts spread evenly over two intervals so
 * they land at every phase of the rules' evaluation cycle. Each trip's latency runs from the
 * collector's answer to its export to the webhook's receipt of the firing notification; it prints
 * p50/p95/max (also to target/alerts-benchmark.txt) against the target p95 ≤ interval + 10 s.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "benchmark.alerts", matches = "true")
class AlertsBenchmark {
  @Inject CollectorRole collector;
  @Inject AlertScheduler scheduler;

  @Test
  void run() throws Exception {
    int trips = Integer.getInteger("benchmark.trips", 20);
    Duration interval = Duration.ofSeconds(Integer.getInteger("benchmark.interval", 30));
    Awaitility.await().atMost(Duration.ofSeconds(60)).until(scheduler::evaluating);

    List<AlertTrips.Trip> result = AlertTrips.run(collector.httpPort(), trips, interval);

    StringBuilder report = new StringBuilder();
    report
        .append("alert trips: ")
        .append(trips)
        .append(" error-rate rules, interval ")
        .append(interval.toSeconds())
        .append("s, groupWait 0s, evaluator tick 1s\n");
    for (AlertTrips.Trip t : result) {
      report
          .append(
              String.format(
                  "  %-14s exported %s  notified %s  %6.1f s",
                  t.ruleName(), t.exported(), t.received(), t.latency().toMillis() / 1000.0))
          .append('\n');
    }
    Duration p95 =
        AlertTrips.percentile(result.stream().map(AlertTrips.Trip::latency).toList(), 95);
    report
        .append("latency (collector's answer to the export -> webhook receipt): ")
        .append(AlertTrips.summary(result))
        .append('\n')
        .append("target p95 <= ")
        .append(interval.toSeconds() + 10)
        .append(" s: ")
        .append(p95.compareTo(interval.plusSeconds(10)) <= 0 ? "met" : "MISSED")
        .append('\n')
        .append("machine: ")
        .append(Runtime.getRuntime().availableProcessors())
        .append(" cores, load average ")
        .append(
            String.format(
                "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()))
        .append(", Java ")
        .append(System.getProperty("java.version"))
        .append('\n');
    System.out.println(report);
    Files.writeString(Path.of("target", "alerts-benchmark.txt"), report);
    assertThat(result).hasSize(trips);
  }
}
