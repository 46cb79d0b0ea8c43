package dev.boxscore.server;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Alert trips on the wall clock, timed end to end: a burst of failing LLM calls sent in one OTLP
 * export trips an error-rate rule, and the time from the collector's answer to that export to the
 * webhook's receipt of the firing notification is the notification latency. Used by {@code
 * AlertsEndToEndTest} and by the alert benchmark ({@code bench.AlertsBenchmark}).
 */
public final class AlertTrips {
  private static final ObjectMapper JSON = new ObjectMapper();

  private AlertTrips() {}

  /** One trip: the rule tripped, when the export was answered and when the webhook got it. */
  public record Trip(String ruleName, Instant exported, Instant received) {
    public Duration latency() {
      return Duration.between(exported, received);
    }
  }

  /** A webhook channel and receiver for a project, deleted again on close. */
  public static final class Hook implements AutoCloseable {
    final WebhookReceiver receiver;
    final String key;
    final String channelId;
    final String secret;
    private final List<String> rules = new CopyOnWriteArrayList<>();

    Hook(String key, String groupWait) throws java.io.IOException {
      this.key = key;
      this.receiver = new WebhookReceiver(0);
      JsonNode channel =
          post(
              key,
              "/api/v1/alerts/channels",
              Map.of(
                  "name",
                  "e2e receiver",
                  "type",
                  "webhook",
                  "url",
                  receiver.url(),
                  "groupWait",
                  groupWait));
      this.channelId = channel.path("id").asText();
      this.secret = channel.path("secret").asText();
    }

    /** Creates a rule (on this channel unless it names channels itself); returns its id. */
    String rule(Map<String, Object> rule) {
      Map<String, Object> body = new java.util.HashMap<>(rule);
      body.putIfAbsent("channels", List.of(channelId));
      String id = post(key, "/api/v1/alerts/rules", body).path("id").asText();
      rules.add(id);
      return id;
    }

    /**
     * The first delivered firing notification holding an alert named {@code alertname} (and with
     * the given extra labels), with the alert itself.
     */
    Optional<Delivered> firing(String alertname, Map<String, String> labels) {
      for (WebhookReceiver.Received r : receiver.delivered()) {
        JsonNode body = r.json();
        for (JsonNode a : body.path("alerts")) {
          if (a.path("status").asText().equals("firing")
              && a.path("labels").path("alertname").asText().equals(alertname)
              && labels.entrySet().stream()
                  .allMatch(e -> a.path("labels").path(e.getKey()).asText().equals(e.getValue()))) {
            return Optional.of(new Delivered(r, body, a));
          }
        }
      }
      return Optional.empty();
    }

    /** Deletes the rules made here, then the channel, so the evaluator forgets them. */
    @Override
    public void close() {
      try {
        for (String id : rules) {
          given().auth().oauth2(key).delete("/api/v1/alerts/rules/" + id);
        }
        given().auth().oauth2(key).delete("/api/v1/alerts/channels/" + channelId);
      } finally {
        receiver.close();
      }
    }
  }

  /** A delivered request, its JSON and the alert in it that was looked for. */
  record Delivered(WebhookReceiver.Received request, JsonNode body, JsonNode alert) {}

  /** A rule that fires when more than half of the service's calls in 5 minutes failed. */
  static Map<String, Object> errorRateRule(String name, String service, String interval) {
    return Map.of(
        "name",
        name,
        "kind",
        "threshold",
        "filter",
        Map.of("service", service),
        "metric",
        "error_rate",
        "op",
        ">",
        "threshold",
        0.5,
        "minCalls",
        5,
        "window",
        "5m",
        "interval",
        interval,
        "severity",
        "critical");
  }

  /**
   * Sends {@code calls} failing chat calls of {@code service} in one OTLP/HTTP export and returns
   * the instant the collector answered it (accepted).
   */
  static Instant burst(int collectorPort, String key, String service, int calls) {
    List<SpanData> ended = new CopyOnWriteArrayList<>();
    SpanExporter collect =
        new SpanExporter() {
          @Override
          public CompletableResultCode export(Collection<SpanData> spans) {
            ended.addAll(spans);
            return CompletableResultCode.ofSuccess();
          }

          @Override
          public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
          }

          @Override
          public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
          }
        };
    SdkTracerProvider provider =
        SdkTracerProvider.builder()
            .setResource(
                Resource.getDefault()
                    .merge(
                        Resource.create(
                            Attributes.of(AttributeKey.stringKey("service.name"), service))))
            .addSpanProcessor(SimpleSpanProcessor.create(collect))
            .build();
    try {
      Tracer tracer = provider.get("boxscore-tests");
      for (int i = 0; i < calls; i++) {
        Span chat =
            tracer
                .spanBuilder("chat gpt-4o-mini")
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute("gen_ai.operation.name", "chat")
                .setAttribute("gen_ai.provider.name", "openai")
                .setAttribute("gen_ai.request.model", "gpt-4o-mini")
                .setAttribute("error.type", "500")
                .startSpan();
        chat.setStatus(StatusCode.ERROR, "provider answered 500");
        chat.end();
      }
    } finally {
      provider.shutdown().join(10, TimeUnit.SECONDS);
    }
    assertThat(ended).hasSize(calls);
    SpanExporter otlp = Otlp.httpExporter(collectorPort, key);
    try {
      CompletableResultCode sent = otlp.export(List.copyOf(ended)).join(30, TimeUnit.SECONDS);
      Instant answered = Instant.now();
      assertThat(sent.isSuccess()).as("the collector accepted the burst").isTrue();
      return answered;
    } finally {
      otlp.shutdown().join(10, TimeUnit.SECONDS);
    }
  }

  /** Waits for the firing notification of {@code ruleName} and returns when it was received. */
  static Instant awaitFiring(Hook hook, String ruleName, Duration atMost) {
    Instant[] at = new Instant[1];
    await()
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(
            () -> {
              Optional<Delivered> d = hook.firing(ruleName, Map.of());
              assertThat(d).as("a firing notification for " + ruleName).isPresent();
              at[0] = d.get().request().at();
            });
    return at[0];
  }

  /**
   * The benchmark: {@code trips} error-rate rules with {@code interval} on one webhook channel
   * (groupWait 0s) in a project of their own, each tripped once by a burst; the bursts are spread
   * evenly over two intervals so they land at every phase of the rules' evaluation cycle.
   */
  public static List<Trip> run(int collectorPort, int trips, Duration interval) throws Exception {
    Projects.Created p = Projects.create("alerts benchmark");
    String seconds = interval.toSeconds() + "s";
    try (Hook hook = new Hook(p.adminKey(), "0s")) {
      List<String> services = new ArrayList<>();
      for (int i = 0; i < trips; i++) {
        String service = "bench-" + i;
        services.add(service);
        hook.rule(errorRateRule("bench trip " + i, service, seconds));
      }
      long spacing = interval.multipliedBy(2).toMillis() / trips;
      long start = System.currentTimeMillis();
      List<Instant> exported = new ArrayList<>();
      for (int i = 0; i < trips; i++) {
        long due = start + i * spacing;
        long wait = due - System.currentTimeMillis();
        if (wait > 0) {
          Thread.sleep(wait); // the burst's schedule, not a wait for an outcome
        }
        exported.add(burst(collectorPort, p.adminKey(), services.get(i), 10));
      }
      List<Trip> out = new ArrayList<>();
      for (int i = 0; i < trips; i++) {
        String name = "bench trip " + i;
        Instant received =
            awaitFiring(hook, name, interval.multipliedBy(2).plus(Duration.ofSeconds(60)));
        out.add(new Trip(name, exported.get(i), received));
      }
      return out;
    }
  }

  /** p50, p95 and max of the latencies in seconds (nearest rank). */
  public static String summary(List<Trip> trips) {
    List<Duration> sorted = trips.stream().map(Trip::latency).sorted().toList();
    return String.format(
        "n=%d p50=%.1fs p95=%.1fs max=%.1fs min=%.1fs",
        sorted.size(),
        seconds(percentile(sorted, 50)),
        seconds(percentile(sorted, 95)),
        seconds(sorted.get(sorted.size() - 1)),
        seconds(sorted.get(0)));
  }

  public static Duration percentile(List<Duration> sorted, int p) {
    List<Duration> s = sorted.stream().sorted(Comparator.naturalOrder()).toList();
    int rank = (int) Math.ceil(p / 100.0 * s.size());
    return s.get(Math.max(0, rank - 1));
  }

  static double seconds(Duration d) {
    return d.toMillis() / 1000.0;
  }

  static JsonNode post(String key, String path, Object body) {
    try {
      return JSON.readTree(
          given()
              .auth()
              .oauth2(key)
              .contentType(ContentType.JSON)
              .body(body)
              .post(path)
              .then()
              .statusCode(201)
              .extract()
              .asString());
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  static JsonNode get(String key, String path, Map<String, ?> params) {
    try {
      return JSON.readTree(
          given()
              .auth()
              .oauth2(key)
              .queryParams(params)
              .get(path)
              .then()
              .statusCode(200)
              .extract()
              .asString());
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }
}
