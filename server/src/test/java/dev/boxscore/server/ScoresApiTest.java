package dev.boxscore.server;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.boxscore.collector.CollectorRole;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Scores through the REST API, as code and the UI's feedback send them: stored once per id,
 * attributed to the call they judge (a trace's score to its last LLM call), shown on the trace,
 * listed, counted in /metrics; and every malformed, unauthorized or duplicate request answered
 * without storing anything. A project of the test's own, calls sent through the collector.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScoresApiTest {
  @Inject CollectorRole collector;

  private Projects.Created project;
  private String readKey;
  private String ingestKey;
  private String traceA;
  private String callA;
  private String traceB;
  private final String tag = UUID.randomUUID().toString().substring(0, 8);

  @BeforeEach
  void sendTwoTraces() {
    if (project != null) {
      return;
    }
    project = Projects.create("scores-" + tag);
    ingestKey = Projects.key(project.adminKey(), List.of("ingest"), null)[0];
    readKey = Projects.key(project.adminKey(), List.of("read"), null)[0];
    String[] ids = new String[2];
    assertThat(
            Otlp.export(
                Otlp.httpExporter(collector.httpPort(), ingestKey),
                "support",
                tracer -> {
                  ids[0] = Otlp.chatTrace(tracer, "gpt-4o", 1000, 100);
                  ids[1] = Otlp.chatTrace(tracer, "claude-sonnet-4-5", 800, 50);
                }))
        .isTrue();
    traceA = ids[0];
    traceB = ids[1];
    callA = await().atMost(Duration.ofSeconds(60)).until(() -> llmSpan(traceA), id -> id != null);
    await().atMost(Duration.ofSeconds(60)).until(() -> llmSpan(traceB), id -> id != null);
  }

  @Test
  void aScoreSentTwiceWithItsIdIsStoredOnceAndShowsOnItsTraceAttributedToItsCall() {
    Map<String, Object> score =
        Map.of(
            "id",
            "helpful-" + tag,
            "traceId",
            traceA,
            "spanId",
            callA,
            "name",
            "helpfulness",
            "value",
            0.5,
            "comment",
            "first pass");
    post(ingestKey, score).statusCode(200);
    // The same id again with another value: replaced, not added.
    post(
            ingestKey,
            Map.of(
                "id",
                "helpful-" + tag,
                "traceId",
                traceA,
                "spanId",
                callA,
                "name",
                "helpfulness",
                "value",
                0.75,
                "author",
                "nightly-evals"))
        .statusCode(200)
        .extract()
        .jsonPath();

    JsonPath trace =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () -> getTrace(traceA),
                t -> t.getList("scores").size() == 1 && t.get("scores[0].call") != null);
    assertThat(trace.getString("scores[0].id")).isEqualTo("helpful-" + tag);
    assertThat(trace.getDouble("scores[0].value")).isEqualTo(0.75);
    assertThat(trace.getString("scores[0].author")).isEqualTo("nightly-evals");
    assertThat(trace.getString("scores[0].source")).isEqualTo("api");
    assertThat(trace.getString("scores[0].spanId")).isEqualTo(callA);
    assertThat(trace.getString("scores[0].call.requestModel")).isEqualTo("gpt-4o");
    assertThat(trace.getString("scores[0].call.service")).isEqualTo("support");

    JsonPath list =
        given()
            .auth()
            .oauth2(readKey)
            .queryParam("trace_id", traceA)
            .queryParam("name", "helpfulness")
            .get("/api/v1/scores")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(list.getList("scores")).hasSize(1);
  }

  @Test
  void feedbackOnATraceCountsForItsLastCallInMetricsAndABatchIsStoredWhole() {
    // Thumbs down on trace B (as the UI sends it) and a categorical score, in one batch.
    JsonPath written =
        post(
                readKey,
                List.of(
                    Map.of(
                        "traceId", traceB,
                        "name", "user_feedback",
                        "value", false,
                        "comment", "wrong order number",
                        "source", "annotation"),
                    Map.of("traceId", traceB, "name", "tone", "value", "curt")))
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(written.getInt("stored")).isEqualTo(2);
    assertThat(written.getList("ids", String.class)).allMatch(id -> id.startsWith("s_"));

    Instant from = Instant.now().minus(Duration.ofHours(2));
    JsonPath metrics =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    given()
                        .auth()
                        .oauth2(readKey)
                        .queryParam("from", from.toString())
                        .queryParam("bucket", "1d")
                        .queryParam("group_by", "model")
                        .queryParam("fields", "usage,scores")
                        .get("/api/v1/metrics")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath(),
                m ->
                    m.get(
                            "rows.find { it.group.model == 'claude-sonnet-4-5-2024-07-18' }.scores.user_feedback")
                        != null);
    Map<String, Object> feedback =
        metrics.getMap(
            "rows.find { it.group.model == 'claude-sonnet-4-5-2024-07-18' }.scores.user_feedback");
    assertThat(feedback).containsEntry("dataType", "boolean").containsEntry("scored", 1);
    assertThat(((Number) feedback.get("average")).doubleValue()).isZero();
    assertThat(
            metrics.getMap(
                "rows.find { it.group.model == 'claude-sonnet-4-5-2024-07-18' }.scores.tone.labels"))
        .containsEntry("curt", 1);
    // The other model's row has none of trace B's scores.
    assertThat(metrics.getMap("rows.find { it.group.model == 'gpt-4o-2024-07-18' }.scores"))
        .doesNotContainKey("user_feedback");
    // Without fields=…,scores the answer is as before.
    assertThat(
            given()
                .auth()
                .oauth2(readKey)
                .queryParam("from", from.toString())
                .get("/api/v1/metrics")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("rows.scores"))
        .allMatch(s -> s == null);
  }

  @Test
  void scoreConfigsCheckTheScoresThatNameThem() {
    JsonPath config =
        given()
            .auth()
            .oauth2(project.adminKey())
            .contentType(ContentType.JSON)
            .body(
                Map.of(
                    "name", "resolution",
                    "dataType", "categorical",
                    "categories",
                        List.of(
                            Map.of("label", "resolved", "value", 1),
                            Map.of("label", "escalated", "value", 0))))
            .post("/api/v1/score-configs")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    String configId = config.getString("id");
    post(readKey, Map.of("sessionId", "chat-" + tag, "configId", configId, "value", "lost"))
        .statusCode(400)
        .body(
            "message",
            org.hamcrest.Matchers.startsWith("value: must be one of the config's categories"));
    JsonPath ok =
        post(
                readKey,
                Map.of("sessionId", "chat-" + tag, "configId", configId, "value", "escalated"))
            .statusCode(200)
            .extract()
            .jsonPath();
    JsonPath stored =
        given()
            .auth()
            .oauth2(readKey)
            .queryParam("config_id", configId)
            .get("/api/v1/scores")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(stored.getString("scores[0].id")).isEqualTo(ok.getString("ids[0]"));
    assertThat(stored.getString("scores[0].name")).isEqualTo("resolution");
    assertThat(stored.getString("scores[0].target")).isEqualTo("session");
    assertThat(stored.getDouble("scores[0].value")).isZero();
    assertThat(stored.getString("scores[0].stringValue")).isEqualTo("escalated");

    // A second active config of the same name is refused; archived, the name is free and the old
    // config refuses new scores.
    given()
        .auth()
        .oauth2(project.adminKey())
        .contentType(ContentType.JSON)
        .body(Map.of("name", "resolution", "dataType", "boolean"))
        .post("/api/v1/score-configs")
        .then()
        .statusCode(400)
        .body(
            "message", org.hamcrest.Matchers.startsWith("name: has another active config already"));
    given()
        .auth()
        .oauth2(project.adminKey())
        .contentType(ContentType.JSON)
        .body(Map.of("archived", true))
        .put("/api/v1/score-configs/" + configId)
        .then()
        .statusCode(200)
        .body("archived", org.hamcrest.Matchers.is(true));
    post(readKey, Map.of("sessionId", "chat-" + tag, "configId", configId, "value", "resolved"))
        .statusCode(400)
        .body("message", org.hamcrest.Matchers.is("configId: the score config is archived"));
    // Only an admin key creates configs.
    given()
        .auth()
        .oauth2(readKey)
        .contentType(ContentType.JSON)
        .body(Map.of("name", "x", "dataType", "numeric"))
        .post("/api/v1/score-configs")
        .then()
        .statusCode(403);
  }

  @Test
  void malformedUnauthorizedAndDuplicateRequestsStoreNothing() {
    String name = "rejected-" + tag;
    expect400(Map.of("name", name, "value", 1), "[a-z]*traceId: a score needs a target.*");
    expect400(
        Map.of("traceId", traceA, "spanId", "xyz", "name", name, "value", 1),
        "spanId: must be 16 hexadecimal digits");
    expect400(
        Map.of("spanId", callA, "name", name, "value", 1),
        "spanId: needs the traceId of its trace");
    expect400(
        Map.of("traceId", traceA, "name", name, "value", 1, "colour", "red"),
        "colour: is not a field of a score.*");
    expect400(
        Map.of("traceId", traceA, "name", name, "value", "NaN", "dataType", "numeric"),
        "value: must be a finite number for a numeric score");
    expect400(
        Map.of("traceId", traceA, "name", name, "value", 2, "dataType", "boolean"),
        "value: must be true or false.*");
    expect400(
        Map.of("traceId", traceA, "name", name, "value", 1, "source", "llm_judge"),
        "source: must be api or annotation.*");
    expect400(Map.of("traceId", traceA, "value", 1), "name: is required.*");
    expect400(
        Map.of("traceId", traceA, "name", name, "value", 1, "timestamp", "yesterday"),
        "timestamp: must be an ISO-8601 instant.*");
    // A batch with one bad score stores none of it; a repeated id in one batch is refused.
    post(
            readKey,
            List.of(
                Map.of("traceId", traceA, "name", name, "value", 1),
                Map.of("traceId", traceA, "name", name)))
        .statusCode(400)
        .body("message", org.hamcrest.Matchers.is("[1].value: is required"));
    post(
            readKey,
            List.of(
                Map.of("id", "dup-" + tag, "traceId", traceA, "name", name, "value", 1),
                Map.of("id", "dup-" + tag, "traceId", traceA, "name", name, "value", 2)))
        .statusCode(400)
        .body(
            "message",
            org.hamcrest.Matchers.is("[1].id: repeats the id of [0] in the same request"));
    List<Map<String, Object>> tooMany =
        java.util.stream.IntStream.range(0, 1001)
            .mapToObj(i -> Map.<String, Object>of("traceId", traceA, "name", name, "value", i))
            .toList();
    post(readKey, Map.of("scores", tooMany))
        .statusCode(400)
        .body("message", org.hamcrest.Matchers.is("scores: must hold 1 to 1000 scores"));
    given()
        .auth()
        .oauth2(readKey)
        .contentType(ContentType.JSON)
        .body("{\"traceId\": ")
        .post("/api/v1/scores")
        .then()
        .statusCode(400);
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("traceId", traceA, "name", name, "value", 1))
        .post("/api/v1/scores")
        .then()
        .statusCode(401);
    // An ingest key sends scores but reads none.
    given().auth().oauth2(ingestKey).get("/api/v1/scores").then().statusCode(403);
    given()
        .auth()
        .oauth2(readKey)
        .queryParam("source", "robot")
        .get("/api/v1/scores")
        .then()
        .statusCode(400)
        .body("message", org.hamcrest.Matchers.startsWith("source: "));

    assertThat(
            given()
                .auth()
                .oauth2(readKey)
                .queryParam("name", name)
                .get("/api/v1/scores")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("scores"))
        .isEmpty();
  }

  private void expect400(Object body, String messagePattern) {
    String message = post(readKey, body).statusCode(400).extract().jsonPath().getString("message");
    assertThat(message).matches(messagePattern);
  }

  private io.restassured.response.ValidatableResponse post(String key, Object body) {
    return given()
        .auth()
        .oauth2(key)
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/v1/scores")
        .then();
  }

  private JsonPath getTrace(String traceId) {
    return given()
        .auth()
        .oauth2(readKey)
        .get("/api/v1/traces/" + traceId)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private String llmSpan(String traceId) {
    int status =
        given()
            .auth()
            .oauth2(readKey)
            .get("/api/v1/traces/" + traceId)
            .then()
            .extract()
            .statusCode();
    if (status != 200) {
      return null;
    }
    return getTrace(traceId).getString("spans.find { it.llm != null }.spanId");
  }
}
