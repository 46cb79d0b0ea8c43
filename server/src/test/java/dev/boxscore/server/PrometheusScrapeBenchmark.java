package dev.boxscore.server;

import dev.boxscore.storage.SpanRow;
import dev.boxscore.storage.clickhouse.ClickHouseStorage;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Scrape time of {@code /api/v1/metrics/prometheus}: a benchmark, run on demand only (its name is
 * not a test's, so the suite leaves it out): {@code ./mvnw -o -pl server test
 * -Dtest=PrometheusScrapeBenchmark -Dprometheus.bench.calls=1000000 -Dui.browserTests.skip=true}.
 */
@QuarkusTest
class PrometheusScrapeBenchmark {
  @Inject ClickHouseStorage storage;

  /**
   * Scrape time on {@code -Dprometheus.bench.calls=N} calls (skipped without it): N calls over the
   * last 7 days in 5 services x 6 models, then 5 warm-up and 20 timed scrapes through HTTP, and
   * each of the two engine queries alone.
   */
  @Test
  void scrapeTime() {
    int n = Integer.getInteger("prometheus.bench.calls", 0);
    if (n <= 0) {
      throw new IllegalArgumentException("set -Dprometheus.bench.calls=N");
    }
    Projects.Created project = Projects.create("prom-bench-" + UUID.randomUUID());
    java.util.Random random = new java.util.Random(42);
    Instant end = Instant.now().minus(Duration.ofMinutes(5));
    String[] models = {
      "gpt-4o", "gpt-4o-mini", "o3-mini", "claude-sonnet-4-5", "claude-haiku-4-5", "gemini-2.5-pro"
    };
    long written = System.nanoTime();
    for (int done = 0; done < n; ) {
      List<SpanRow> batch = new ArrayList<>();
      for (int i = 0; i < 100_000 && done < n; i++, done++) {
        LlmRow r = new LlmRow(project.id(), end.minusSeconds(random.nextInt(7 * 24 * 3600)));
        r.service = "svc-" + random.nextInt(5);
        r.requestModel = models[random.nextInt(models.length)];
        r.responseModel = random.nextBoolean() ? r.requestModel + "-2025" : "";
        r.durationMs = Math.exp(6 + random.nextGaussian());
        r.ttftMs = random.nextBoolean() ? r.durationMs / 4 : null;
        r.error = random.nextInt(50) == 0;
        r.input = 500 + random.nextInt(2000);
        r.output = 50 + random.nextInt(500);
        batch.add(r.row());
      }
      storage.spanWriter(p -> 3650).write(batch);
    }
    long writtenMs = (System.nanoTime() - written) / 1_000_000;
    String key = project.adminKey();
    for (int i = 0; i < 5; i++) {
      PrometheusMetricsTest.scrape(key);
    }
    long[] http = new long[20];
    long[] histograms = new long[20];
    long[] units = new long[20];
    int bytes = 0;
    var reader = storage.analyticsReader();
    var all =
        new dev.boxscore.storage.analytics.RollupQuery(
            Instant.EPOCH,
            Instant.now(),
            Duration.ofDays(36_500),
            null,
            java.util.Set.of(
                dev.boxscore.storage.analytics.Dimension.SERVICE,
                dev.boxscore.storage.analytics.Dimension.PROVIDER,
                dev.boxscore.storage.analytics.Dimension.MODEL));
    for (int i = 0; i < 20; i++) {
      long t = System.nanoTime();
      bytes = PrometheusMetricsTest.scrape(key).length();
      http[i] = System.nanoTime() - t;
      t = System.nanoTime();
      reader.histograms(project.id(), Instant.now());
      histograms[i] = System.nanoTime() - t;
      t = System.nanoTime();
      reader.pricingUnits(project.id(), all);
      units[i] = System.nanoTime() - t;
    }
    String report =
        String.format(
            "prometheus scrape on %,d calls (written in %,d ms), %,d bytes: HTTP %s;"
                + " engine alone: histograms (llm_calls) %s, pricing units (rollups) %s",
            n, writtenMs, bytes, millis(http), millis(histograms), millis(units));
    System.out.println(report);
    try {
      java.nio.file.Files.writeString(
          java.nio.file.Path.of("target", "prometheus-scrape-benchmark.txt"), report + "\n");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String millis(long[] nanos) {
    long[] sorted = nanos.clone();
    java.util.Arrays.sort(sorted);
    return String.format(
        "p50 %.1f ms / p95 %.1f ms / max %.1f ms",
        sorted[sorted.length / 2] / 1e6,
        sorted[(int) Math.ceil(sorted.length * 0.95) - 1] / 1e6,
        sorted[sorted.length - 1] / 1e6);
  }
}
