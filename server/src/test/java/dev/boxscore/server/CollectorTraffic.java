package dev.boxscore.server;

import static org.awaitility.Awaitility.await;

import dev.boxscore.model.pricing.ModelPrice;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * OTLP traffic of known totals sent through the collector the way an OTLP exporter sends it: a
 * request that is not answered 200 (503 while Kafka is away, a timeout, a refused connection) is
 * sent again until it is, and one request in ten is sent a second time after its 200 (a client that
 * retried an answer it never saw). Every trace is one gpt-4o-mini call with seeded token counts
 * plus 0-4 plain spans, so the acknowledged span count, LLM call count and cost are exact. The
 * content is fixed by the seed; only the timing varies between runs.
 */
final class CollectorTraffic {
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .version(HttpClient.Version.HTTP_1_1)
          .build();
  // gpt-4o-mini's list price in the built-in catalog, which ingest prices these calls by.
  private final ModelPrice price = ListPrices.of("openai", "gpt-4o-mini", Instant.now());

  private final Random random;
  private final int port;
  private final String key;
  private final String service;
  private final AtomicLong acknowledgedSpans = new AtomicLong();
  private final AtomicLong acknowledgedCalls = new AtomicLong();
  private final AtomicLong retries = new AtomicLong();
  private BigDecimal expectedCost = BigDecimal.ZERO;

  CollectorTraffic(long seed, int collectorHttpPort, String key, String service) {
    this.random = new Random(seed);
    this.port = collectorHttpPort;
    this.key = key;
    this.service = service;
  }

  /**
   * Sends {@code traces} more traces, one request each, returning when every one was acknowledged.
   */
  void send(int traces) {
    for (int t = 0; t < traces; t++) {
      ExportTraceServiceRequest request;
      int spans;
      long input;
      long output;
      boolean twice;
      synchronized (this) {
        byte[] traceId = new byte[16];
        random.nextBytes(traceId);
        traceId[0] |= 1;
        spans = 1 + random.nextInt(5);
        input = random.nextInt(100_000);
        output = random.nextInt(10_000);
        twice = random.nextInt(10) == 0;
        request = ExactlyOnceUnderCrashesTest.trace(random, traceId, service, spans, input, output);
      }
      byte[] body = request.toByteArray();
      deliver(body);
      synchronized (this) {
        acknowledgedSpans.addAndGet(spans);
        acknowledgedCalls.incrementAndGet();
        expectedCost = expectedCost.add(ListPrices.cost(price, input, output));
      }
      if (twice) {
        deliver(body);
      }
    }
  }

  /** Posts until the collector answers 200, as an exporter retries (within a minute). */
  private void deliver(byte[] body) {
    if (post(body) == 200) {
      return;
    }
    retries.incrementAndGet();
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(250))
        .until(
            () -> {
              boolean ok = post(body) == 200;
              if (!ok) {
                retries.incrementAndGet();
              }
              return ok;
            });
  }

  private int post(byte[] body) {
    try {
      return HTTP.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/traces"))
                  .header("Content-Type", "application/x-protobuf")
                  .header("Authorization", "Bearer " + key)
                  .timeout(Duration.ofSeconds(15))
                  .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                  .build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  long acknowledgedSpans() {
    return acknowledgedSpans.get();
  }

  /** Acknowledged LLM calls: one per trace. */
  long acknowledgedCalls() {
    return acknowledgedCalls.get();
  }

  /** Requests that were not answered 200 and were sent again. */
  long retries() {
    return retries.get();
  }

  synchronized BigDecimal expectedCost() {
    return expectedCost.stripTrailingZeros();
  }

  String service() {
    return service;
  }
}
