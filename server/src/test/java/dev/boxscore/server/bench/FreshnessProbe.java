package dev.boxscore.server.bench;

import static org.awaitility.Awaitility.await;

import dev.boxscore.loadgen.GeneratedRequests;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Freshness as a user sees it: one trace every {@code every}, sent over OTLP/HTTP beside the load,
 * and the time from the collector's answer to {@code GET /api/v1/traces/{id}} first returning it,
 * polled every 25 ms (so each figure is up to 25 ms late).
 */
final class FreshnessProbe implements AutoCloseable {
  private static final Duration POLL = Duration.ofMillis(25);
  private static final Duration GIVE_UP = Duration.ofSeconds(60);

  private final HttpClient http = HttpClient.newHttpClient();
  private final URI otlp;
  private final URI api;
  private final String key;
  private final GeneratedRequests requests = new GeneratedRequests(4242L, 0);
  private final ExecutorService probes = Executors.newFixedThreadPool(16);
  private final List<Long> freshnessMillis = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger lost = new AtomicInteger();
  private final AtomicInteger refused = new AtomicInteger();
  private final AtomicInteger sent = new AtomicInteger();

  FreshnessProbe(URI otlp, URI api, String key) {
    this.otlp = otlp;
    this.api = api;
    this.key = key;
  }

  /**
   * Sends one probe every {@code every} for {@code duration}, starting after {@code delay}; returns
   * once the last probe is seen or given up.
   */
  void run(Duration delay, Duration duration, Duration every) throws InterruptedException {
    ScheduledExecutorService schedule = Executors.newSingleThreadScheduledExecutor();
    try {
      schedule.scheduleAtFixedRate(
          () -> {
            int index = sent.getAndIncrement();
            probes.submit(() -> probe(index));
          },
          delay.toNanos(),
          every.toNanos(),
          TimeUnit.NANOSECONDS);
      // Stops sending once the probes' time is over, whatever the outcome of each.
      if (schedule.awaitTermination(delay.plus(duration).toNanos(), TimeUnit.NANOSECONDS)) {
        throw new IllegalStateException("the probe schedule ended early");
      }
    } finally {
      schedule.shutdownNow();
    }
    probes.shutdown();
    probes.awaitTermination(GIVE_UP.toSeconds() + 10, TimeUnit.SECONDS);
  }

  private void probe(int index) {
    try {
      ExportTraceServiceRequest request = requests.request(index, 1, Instant.now());
      String traceId =
          HexFormat.of()
              .formatHex(
                  request
                      .getResourceSpans(0)
                      .getScopeSpans(0)
                      .getSpans(0)
                      .getTraceId()
                      .toByteArray());
      HttpResponse<Void> answer =
          http.send(
              HttpRequest.newBuilder(otlp)
                  .header("Content-Type", "application/x-protobuf")
                  .header("Authorization", "Bearer " + key)
                  .POST(HttpRequest.BodyPublishers.ofByteArray(request.toByteArray()))
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      long acked = System.nanoTime();
      if (answer.statusCode() != 200) {
        refused.incrementAndGet();
        return;
      }
      HttpRequest read =
          HttpRequest.newBuilder(api.resolve("/api/v1/traces/" + traceId))
              .header("Authorization", "Bearer " + key)
              .build();
      long visible =
          await()
              .pollDelay(Duration.ZERO)
              .pollInterval(POLL)
              .atMost(GIVE_UP)
              .until(
                  () -> {
                    HttpResponse<String> found =
                        http.send(read, HttpResponse.BodyHandlers.ofString());
                    return found.statusCode() == 200 && found.body().contains(traceId)
                        ? System.nanoTime()
                        : null;
                  },
                  java.util.Objects::nonNull);
      freshnessMillis.add(TimeUnit.NANOSECONDS.toMillis(visible - acked));
    } catch (Exception e) {
      // Not visible within GIVE_UP (ConditionTimeoutException), or the server stopped answering.
      lost.incrementAndGet();
    }
  }

  int sent() {
    return sent.get();
  }

  int lost() {
    return lost.get();
  }

  int refused() {
    return refused.get();
  }

  /** The {@code q} quantile (0..1) of the freshness seen, in ms (nearest rank). */
  long quantileMillis(double q) {
    List<Long> sorted;
    synchronized (freshnessMillis) {
      sorted = new ArrayList<>(freshnessMillis);
    }
    if (sorted.isEmpty()) {
      return -1;
    }
    Collections.sort(sorted);
    int rank = (int) Math.ceil(q * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank)));
  }

  int seen() {
    return freshnessMillis.size();
  }

  @Override
  public void close() {
    probes.shutdownNow();
  }
}
