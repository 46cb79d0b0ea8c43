package dev.boxscore.server;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.boxscore.collector.CollectorRole;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Evaluation scores in the OTel GenAI form (gen_ai.evaluation.result), sent with the real
 * OpenTelemetry SDK through the collector, Kafka, ingest and ClickHouse, averaged per model by
 * /api/v1/compare.
 */
@QuarkusTest
class EvaluationScoresTest {
  private static final AttributeKey<String> EVAL_NAME =
      AttributeKey.stringKey("gen_ai.evaluation.name");
  private static final AttributeKey<Double> EVAL_SCORE =
      AttributeKey.doubleKey("gen_ai.evaluation.score.value");

  @Inject CollectorRole collector;

  @Test
  void compareAveragesTheScoresOfEachModelsCallsFromEventsEvaluatorSpansAndResponseIds() {
    String run = UUID.randomUUID().toString().substring(0, 8);
    String modelA = "judge-a-" + run;
    String modelB = "judge-b-" + run;
    String responseB = "resp-" + run;
    Instant from = Instant.now().minusSeconds(60);
    SpanExporter exporter = Otlp.httpExporter(collector.httpPort(), EmbeddedInfrastructure.API_KEY);

    boolean exported =
        Otlp.export(
            exporter,
            "scored-" + run,
            tracer -> {
              // Call 1 of A: two scores as events on the call itself; the string score is read as a
              // number.
              Span a1 = chat(tracer, modelA, "resp-a1-" + run);
              a1.addEvent(
                  "gen_ai.evaluation.result",
                  Attributes.of(EVAL_NAME, "relevance", EVAL_SCORE, 0.9));
              a1.addEvent(
                  "gen_ai.evaluation.result",
                  Attributes.of(
                      EVAL_NAME,
                      "helpfulness",
                      AttributeKey.stringKey("gen_ai.evaluation.score.value"),
                      "4"));
              a1.addEvent(
                  "gen_ai.evaluation.result",
                  Attributes.of(
                      EVAL_NAME,
                      "tone",
                      AttributeKey.stringKey("gen_ai.evaluation.score.label"),
                      "polite")); // a label only: no average
              a1.end();
              // Call 2 of A: scored by an evaluator span, its child.
              Span a2 = chat(tracer, modelA, "resp-a2-" + run);
              tracer
                  .spanBuilder("evaluate relevance")
                  .setParent(Context.root().with(a2))
                  .setAttribute(EVAL_NAME, "relevance")
                  .setAttribute(EVAL_SCORE, 0.5)
                  .startSpan()
                  .end();
              a2.end();
              // The call of B; its evaluator ran in a trace of its own and names the call by
              // response id only.
              chat(tracer, modelB, responseB).end();
              Span judge = tracer.spanBuilder("offline judge").setNoParent().startSpan();
              judge.addEvent(
                  "gen_ai.evaluation.result",
                  Attributes.of(
                      EVAL_NAME,
                      "relevance",
                      EVAL_SCORE,
                      0.25,
                      AttributeKey.stringKey("gen_ai.response.id"),
                      responseB));
              judge.end();
            });
    assertThat(exported).isTrue();

    Map<String, String> params =
        Map.of(
            "a",
            modelA,
            "b",
            modelB,
            "from",
            from.toString(),
            "to",
            Instant.now().plusSeconds(60).toString());
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              JsonPath compare = get(params);
              // Until ingest has stored the calls a side is null (an assertion, so Awaitility asks
              // again; getInt on it would throw).
              assertThat(compare.getMap("a")).as(compare.prettify()).isNotNull();
              assertThat(compare.getMap("b")).as(compare.prettify()).isNotNull();
              assertThat(compare.getInt("a.calls")).as(compare.prettify()).isEqualTo(2);
              assertThat(compare.getInt("b.calls")).as(compare.prettify()).isEqualTo(1);
              assertThat(compare.getList("scores.name"))
                  .as(compare.prettify())
                  .containsExactly("helpfulness", "relevance");
              assertThat(compare.getInt("scores[0].a.scored")).isEqualTo(1);
              assertThat(compare.getDouble("scores[0].a.average")).isEqualTo(4.0);
              assertThat(compare.getMap("scores[0].b")).isNull();
              assertThat(compare.getInt("scores[1].a.scored")).as(compare.prettify()).isEqualTo(2);
              assertThat(compare.getDouble("scores[1].a.average")).isEqualTo(0.7);
              assertThat(compare.getInt("scores[1].b.scored")).as(compare.prettify()).isEqualTo(1);
              assertThat(compare.getDouble("scores[1].b.average")).isEqualTo(0.25);
              assertThat(compare.getString("scoresNote")).isNull();
            });

    // Without scores the answer says why the list is empty.
    JsonPath none =
        get(
            Map.of(
                "a",
                "unscored-" + run,
                "b",
                modelB,
                "from",
                from.minusSeconds(3600).toString(),
                "to",
                from.toString()));
    assertThat(none.getList("scores")).isEmpty();
    assertThat(none.getString("scoresNote")).contains("no evaluation scores");
  }

  private static Span chat(Tracer tracer, String model, String responseId) {
    return tracer
        .spanBuilder("chat " + model)
        .setSpanKind(SpanKind.CLIENT)
        .setAttribute("gen_ai.operation.name", "chat")
        .setAttribute("gen_ai.provider.name", "openai")
        .setAttribute("gen_ai.request.model", model)
        .setAttribute("gen_ai.response.id", responseId)
        .setAttribute("gen_ai.usage.input_tokens", 10L)
        .setAttribute("gen_ai.usage.output_tokens", 5L)
        .startSpan();
  }

  private static JsonPath get(Map<String, String> params) {
    return new JsonPath(
        given()
            .auth()
            .oauth2(EmbeddedInfrastructure.API_KEY)
            .queryParams(params)
            .get("/api/v1/compare")
            .then()
            .statusCode(200)
            .extract()
            .asString());
  }
}
