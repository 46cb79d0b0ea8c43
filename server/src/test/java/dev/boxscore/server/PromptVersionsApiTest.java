package dev.boxscore.server;

import static dev.boxscore.server.GeneratedCalls.api;
import static dev.boxscore.server.GeneratedCalls.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import dev.boxscore.collector.CollectorRole;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Prompt versions end to end: generated calls of two versions of one prompt (agent extension
 * attributes, an OpenInference template) and of a control prompt whose two versions behave the same
 * (OpenLLMetry attributes), each scored with a gen_ai.evaluation.result event, sent with the real
 * OpenTelemetry SDK through the collector, Kafka, ingest and ClickHouse, read through /prompts.
 */
@QuarkusTest
class PromptVersionsApiTest {
  private static final int CALLS = 250;
  private static final Duration STEP = Duration.ofSeconds(20);

  @Inject CollectorRole collector;

  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private final String fingerprint = "fp-" + run;
  private final String control = "ctrl-" + run;
  private Instant v1Start;
  private Instant v2Start;

  private void sendTraffic() {
    v1Start = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofHours(3));
    v2Start = v1Start.plus(Duration.ofMinutes(90));
    SpanExporter exporter = Otlp.httpExporter(collector.httpPort(), EmbeddedInfrastructure.API_KEY);
    boolean exported =
        Otlp.exportInBatches(
            exporter,
            "prompts-" + run,
            tracer -> {
              // v2 is 30% slower and its helpfulness 10% lower; the control's versions are alike.
              calls(tracer, v1Start, 1, 1.0, 1.0, v -> agentPrompt(v, "v1"));
              calls(tracer, v2Start, 2, 1.3, 0.9, v -> agentPrompt(v, "v2"));
              calls(tracer, v1Start, 3, 1.0, 1.0, v -> openLlmetryPrompt(v, "c1"));
              calls(tracer, v2Start, 4, 1.0, 1.0, v -> openLlmetryPrompt(v, "c2"));
            });
    assertThat(exported).isTrue();
  }

  private void agentPrompt(io.opentelemetry.api.trace.SpanBuilder span, String version) {
    span.setAttribute("boxscore.prompt.fingerprint", fingerprint)
        .setAttribute("boxscore.prompt.version", version)
        .setAttribute("gen_ai.prompt.name", "support-answer")
        .setAttribute(
            "llm.prompt_template.template", "Answer {{question}} (" + version + ") kindly.");
  }

  private void openLlmetryPrompt(io.opentelemetry.api.trace.SpanBuilder span, String version) {
    span.setAttribute("traceloop.prompt.version_hash", control)
        .setAttribute("traceloop.prompt.version", version)
        .setAttribute("traceloop.prompt.key", "control-prompt")
        .setAttribute("traceloop.prompt.template", "Summarise {{text}}.");
  }

  /**
   * {@link #CALLS} calls {@link #STEP} apart from {@code start}: latency log-normal around 800 ms
   * times {@code slower}, helpfulness normal around 0.8 times {@code helpfulness}.
   */
  private static void calls(
      Tracer tracer,
      Instant start,
      long seed,
      double slower,
      double helpfulness,
      java.util.function.Consumer<io.opentelemetry.api.trace.SpanBuilder> prompt) {
    Random random = new Random(seed);
    for (int i = 0; i < CALLS; i++) {
      Instant at = start.plus(STEP.multipliedBy(i));
      var builder =
          tracer
              .spanBuilder("chat gpt-4o-mini")
              .setSpanKind(SpanKind.CLIENT)
              .setStartTimestamp(at)
              .setAttribute("gen_ai.operation.name", "chat")
              .setAttribute("gen_ai.provider.name", "openai")
              .setAttribute("gen_ai.request.model", "gpt-4o-mini")
              .setAttribute("gen_ai.usage.input_tokens", 100L)
              .setAttribute("gen_ai.usage.output_tokens", 50L);
      prompt.accept(builder);
      Span call = builder.startSpan();
      call.addEvent(
          "gen_ai.evaluation.result",
          Attributes.of(
              AttributeKey.stringKey("gen_ai.evaluation.name"),
              "helpfulness",
              AttributeKey.doubleKey("gen_ai.evaluation.score.value"),
              (0.8 + 0.1 * random.nextGaussian()) * helpfulness),
          at.plusMillis(1));
      double ms = 800 * Math.exp(0.3 * random.nextGaussian()) * slower;
      call.end(at.plusNanos((long) (ms * 1e6)));
    }
  }

  private Map<String, String> range() {
    return Map.of(
        "from", v1Start.minus(Duration.ofMinutes(1)).toString(), "to", Instant.now().toString());
  }

  private static JsonNode find(JsonNode prompts, String fingerprint, String version) {
    for (JsonNode p : prompts.path("prompts")) {
      if (fingerprint.equals(p.path("fingerprint").asText())
          && version.equals(p.path("version").asText())) {
        return p;
      }
    }
    return null;
  }

  private static JsonNode test(JsonNode compare, String metric) {
    for (JsonNode t : compare.path("tests")) {
      if (t.path("metric").asText().equals(metric)) {
        return t;
      }
    }
    throw new AssertionError("no test " + metric + " in " + compare);
  }

  @Test
  void bothVersionsAreListedSeenAndComparedAndOnlyTheRealDifferenceIsSignificant() {
    sendTraffic();
    // Every call and its score are stored (the scores resolve at insert) before anything else.
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              JsonNode list = get("/api/v1/prompts", range());
              for (String[] v :
                  new String[][] {
                    {fingerprint, "v1"}, {fingerprint, "v2"}, {control, "c1"}, {control, "c2"}
                  }) {
                JsonNode p = find(list, v[0], v[1]);
                assertThat(p).as("%s in %s", String.join("/", v), list).isNotNull();
                assertThat(p.path("calls").asLong()).isEqualTo(CALLS);
                assertThat(p.path("scores").path(0).path("scored").asLong()).isEqualTo(CALLS);
              }
            });

    JsonNode list = get("/api/v1/prompts", range());
    JsonNode v1 = find(list, fingerprint, "v1");
    JsonNode v2 = find(list, fingerprint, "v2");
    assertThat(v1.path("name").asText()).isEqualTo("support-answer");
    assertThat(v1.path("firstSeen").asText()).isEqualTo(v1Start.toString());
    Instant v1Last = v1Start.plus(STEP.multipliedBy(CALLS - 1)).truncatedTo(ChronoUnit.MINUTES);
    assertThat(v1.path("lastSeen").asText()).isEqualTo(v1Last.toString());
    assertThat(v2.path("firstSeen").asText()).isEqualTo(v2Start.toString());
    assertThat(v1.path("errors").asLong()).isZero();
    assertThat(v1.path("tokens").path("input").asLong()).isEqualTo(100L * CALLS);
    assertThat(v1.path("cost").path("pricedCalls").asLong()).isEqualTo(CALLS);
    assertThat(v2.path("latencyMs").path("p50").asDouble())
        .isGreaterThan(v1.path("latencyMs").path("p50").asDouble() * 1.15);
    JsonNode helpfulness = v1.path("scores").path(0);
    assertThat(helpfulness.path("name").asText()).isEqualTo("helpfulness");
    assertThat(helpfulness.path("average").asDouble()).isCloseTo(0.8, within(0.03));
    assertThat(v2.path("scores").path(0).path("average").asDouble()).isCloseTo(0.72, within(0.03));
    assertThat(find(list, control, "c1").path("name").asText()).isEqualTo("control-prompt");

    // One fingerprint: its versions, the captured template and which version served when.
    Map<String, String> detailParams = new HashMap<>(range());
    detailParams.put("bucket", "1h");
    JsonNode detail = get("/api/v1/prompts/" + fingerprint, detailParams);
    assertThat(detail.path("versions").size()).isEqualTo(2);
    assertThat(detail.path("name").asText()).isEqualTo("support-answer");
    assertThat(detail.path("bucketSeconds").asLong()).isEqualTo(3600);
    JsonNode template = detail.path("templates").path(0);
    assertThat(template.path("version").asText()).isEqualTo("v1");
    assertThat(template.path("template").asText()).isEqualTo("Answer {{question}} (v1) kindly.");
    long v1Calls = 0;
    long v2Calls = 0;
    Instant lastV1Bucket = Instant.EPOCH;
    Instant firstV2Bucket = Instant.MAX;
    for (JsonNode point : detail.path("timeline")) {
      Instant bucket = Instant.parse(point.path("bucket").asText());
      if (point.path("version").asText().equals("v1")) {
        v1Calls += point.path("calls").asLong();
        lastV1Bucket = bucket.isAfter(lastV1Bucket) ? bucket : lastV1Bucket;
      } else {
        v2Calls += point.path("calls").asLong();
        firstV2Bucket = bucket.isBefore(firstV2Bucket) ? bucket : firstV2Bucket;
      }
    }
    assertThat(v1Calls).isEqualTo(CALLS);
    assertThat(v2Calls).isEqualTo(CALLS);
    assertThat(firstV2Bucket).isEqualTo(v2Start.truncatedTo(ChronoUnit.HOURS));
    assertThat(lastV1Bucket).isBeforeOrEqualTo(firstV2Bucket);

    // v1 against v2: slower and less helpful, significantly; tokens and cost are the same.
    Map<String, String> compareParams = new HashMap<>(range());
    compareParams.putAll(
        Map.of(
            "a_fingerprint",
            fingerprint,
            "a_version",
            "v1",
            "b_fingerprint",
            fingerprint,
            "b_version",
            "v2"));
    JsonNode compare = get("/api/v1/prompts/compare", compareParams);
    assertThat(compare.path("significant").asBoolean()).isTrue();
    assertThat(compare.path("a").path("calls").asLong()).isEqualTo(CALLS);
    assertThat(compare.path("b").path("calls").asLong()).isEqualTo(CALLS);
    assertThat(test(compare, "latency_ms").path("verdict").asText()).isEqualTo("drift");
    assertThat(test(compare, "latency_ms").path("relativeChange").asDouble()).isBetween(0.2, 0.4);
    JsonNode score = test(compare, "score:helpfulness");
    assertThat(score.path("verdict").asText()).as("%s", score).isEqualTo("drift");
    assertThat(score.path("baselineSamples").asLong()).isEqualTo(CALLS);
    assertThat(score.path("relativeChange").asDouble()).isBetween(-0.15, -0.05);
    assertThat(test(compare, "cost_per_call_usd").path("verdict").asText()).isEqualTo("no_drift");

    // The control's two versions: nothing is significant.
    Map<String, String> controlParams = new HashMap<>(range());
    controlParams.putAll(
        Map.of(
            "a_fingerprint",
            control,
            "a_version",
            "c1",
            "b_fingerprint",
            control,
            "b_version",
            "c2"));
    JsonNode same = get("/api/v1/prompts/compare", controlParams);
    assertThat(same.path("significant").asBoolean()).as("%s", same).isFalse();
    assertThat(test(same, "latency_ms").path("verdict").asText()).isEqualTo("no_drift");
    assertThat(test(same, "score:helpfulness").path("verdict").asText()).isEqualTo("no_drift");
  }

  @Test
  void badParametersAreRefusedNamingThem() {
    bad("/api/v1/prompts", Map.of("from", "2026-01-02T00:00:00Z", "to", "2026-01-01T00:00:00Z"))
        .body("message", startsWith("from: must be before to"));
    bad("/api/v1/prompts", Map.of("to", "yesterday")).body("message", startsWith("to: must be"));
    bad("/api/v1/prompts/" + fingerprint, Map.of("bucket", "7s"))
        .body("message", startsWith("bucket: must be whole minutes"));
    bad("/api/v1/prompts/compare", Map.of("a_version", "v1"))
        .body("message", startsWith("b_version: side b needs"));
    bad("/api/v1/prompts/compare", Map.of("b_fingerprint", "x"))
        .body("message", startsWith("a_version: side a needs"));
    bad("/api/v1/prompts/compare", Map.of("a_version", "v1", "b_version", "v1"))
        .body("message", startsWith("b_version: side b must differ"));
    bad("/api/v1/prompts/compare", Map.of("a_version", "v1", "b_version", "v2", "alpha", "0.9"))
        .body("message", startsWith("alpha: must be"));
    bad(
            "/api/v1/prompts/compare",
            Map.of(
                "a_version",
                "v1",
                "b_version",
                "v2",
                "from",
                "2026-01-01T00:00:00Z",
                "to",
                "2026-03-01T00:00:00Z"))
        .body("message", startsWith("from: the range from..to must be at most 31 days"));
    api()
        .get("/api/v1/prompts/unknown-" + run)
        .then()
        .statusCode(404)
        .body("error", equalTo("not_found"));
  }

  private static io.restassured.response.ValidatableResponse bad(
      String path, Map<String, String> params) {
    return api()
        .queryParams(params)
        .get(path)
        .then()
        .statusCode(400)
        .body("error", equalTo("bad_parameter"));
  }
}
