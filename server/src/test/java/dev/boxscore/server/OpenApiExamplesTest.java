package dev.boxscore.server;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.boxscore.collector.CollectorRole;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The examples of the OpenAPI document against real answers: for every documented example answer,
 * the request listed here is sent and the real answer must have the example's status and every
 * field of the example, with the same JSON type (an example may leave fields out; it may not show
 * one the server does not answer, or answer differently where {@link #EXACT} says so). Every
 * request body example must be accepted. A new example without a request here fails the test, so
 * the document cannot drift from the server unnoticed.
 */
@QuarkusTest
class OpenApiExamplesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Fields whose example values are keys of a map (any keys may come back), not fixed names. */
  private static final Set<String> MAPS =
      Set.of("finishReasons", "attributes", "resourceAttributes", "subject");

  /**
   * Fields whose example value must equal the real one, in answers whose request repeats the
   * example's.
   */
  private static final Set<String> EXACT = Set.of("scopes", "error", "origin");

  private static final Set<String> REPEATS_THE_EXAMPLE =
      Set.of("post /api/v1/admin/projects 201", "post /api/v1/admin/keys 201");

  @Inject CollectorRole collector;

  @Test
  void everyDocumentedAnswerMatchesTheRealOneAndEveryBodyExampleIsAccepted() throws Exception {
    Projects.Created project = Projects.create("openapi-examples");
    String key = Projects.key(project.adminKey(), List.of("ingest", "read"), null)[0];
    String revocable = Projects.key(project.adminKey(), List.of("read"), null)[1];
    String ingestOnly = Projects.key(project.adminKey(), List.of("ingest"), null)[0];
    String[] traceId = new String[1];
    assertThat(
            Otlp.export(
                Otlp.httpExporter(collector.httpPort(), key),
                "checkout",
                tracer -> traceId[0] = Otlp.chatTrace(tracer, "gpt-4o", 1000, 100)))
        .isTrue();
    // A call of user 4711 in conversation chat-81, as the examples of /users and /sessions name ...
    assertThat(
            Otlp.export(
                Otlp.httpExporter(collector.httpPort(), key),
                "checkout",
                tracer ->
                    tracer
                        .spanBuilder("chat gpt-4o")
                        .setAttribute("gen_ai.operation.name", "chat")
                        .setAttribute("gen_ai.provider.name", "openai")
                        .setAttribute("gen_ai.request.model", "gpt-4o")
                        .setAttribute("gen_ai.usage.input_tokens", 830L)
                        .setAttribute("gen_ai.usage.output_tokens", 112L)
                        .setAttribute("user.id", "4711")
                        .setAttribute("session.id", "chat-81")
                        // ... under version v1 of prompt a1b2c3, as the examples of /prompts name.
                        .setAttribute("boxscore.prompt.fingerprint", "a1b2c3")
                        .setAttribute("boxscore.prompt.version", "v1")
                        .setAttribute(
                            "llm.prompt_template.template", "Answer {{question}} briefly.")
                        .startSpan()
                        .end()))
        .isTrue();
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(30))
        .until(() -> given().auth().oauth2(key).get("/api/v1/users/4711").statusCode() == 200);
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(30))
        .until(
            () ->
                given().auth().oauth2(key).get("/api/v1/traces/" + traceId[0]).statusCode() == 200);
    WebhookReceiver receiver = new WebhookReceiver(0);
    OpenApiExampleRequests.Alerting alerting =
        OpenApiExampleRequests.Alerting.create(project.adminKey(), receiver.url());
    // The evaluator (elected over Kafka, ticking every second) fires the rule within seconds.
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(60))
        .until(
            () -> {
              int events =
                  given()
                      .auth()
                      .oauth2(key)
                      .queryParam("rule", alerting.firingRuleId())
                      .get("/api/v1/alerts/events")
                      .path("events.size()");
              int firing =
                  given()
                      .auth()
                      .oauth2(key)
                      .queryParam("state", "firing")
                      .get("/api/v1/alerts")
                      .path("alerts.size()");
              return events > 0 && firing > 0;
            });
    Map<String, Function<RequestSpecification, Response>> requests =
        OpenApiExampleRequests.requests(
            new OpenApiExampleRequests.Fixture(
                project.adminKey(), key, traceId[0], revocable, alerting));
    // Body examples are sent as they are; a path's id is one that exists.
    String scoreConfigId =
        given()
            .auth()
            .oauth2(project.adminKey())
            .contentType(ContentType.JSON)
            .body("{\"name\":\"archivable\",\"dataType\":\"numeric\"}")
            .post("/api/v1/score-configs")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    Map<String, String> bodyPaths =
        Map.of(
            "/api/v1/alerts/rules/{id}",
            "/api/v1/alerts/rules/" + alerting.editableRuleId(),
            "/api/v1/score-configs/{configId}",
            "/api/v1/score-configs/" + scoreConfigId);

    JsonNode openApi =
        JSON.readTree(given().queryParam("format", "json").get("/q/openapi").asString());
    List<String> problems = new ArrayList<>();
    int checked = 0;
    for (Iterator<Map.Entry<String, JsonNode>> paths = openApi.path("paths").fields();
        paths.hasNext(); ) {
      Map.Entry<String, JsonNode> path = paths.next();
      for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
        Map.Entry<String, JsonNode> op = ops.next();
        for (JsonNode example :
            op.getValue()
                .path("requestBody")
                .path("content")
                .path("application/json")
                .path("examples")) {
          Response answer =
              given()
                  .auth()
                  .oauth2(project.adminKey())
                  .contentType(ContentType.JSON)
                  .body(
                      example.path("value").isTextual()
                          ? example.path("value").asText()
                          : example.path("value").toString())
                  .request(op.getKey(), bodyPaths.getOrDefault(path.getKey(), path.getKey()));
          if (answer.statusCode() >= 300) {
            problems.add(
                op.getKey()
                    + " "
                    + path.getKey()
                    + " body example answered "
                    + answer.statusCode()
                    + ": "
                    + answer.asString());
          }
        }
        for (Iterator<Map.Entry<String, JsonNode>> codes = op.getValue().path("responses").fields();
            codes.hasNext(); ) {
          Map.Entry<String, JsonNode> code = codes.next();
          JsonNode examples =
              code.getValue().path("content").path("application/json").path("examples");
          if (examples.isMissingNode() || examples.isEmpty()) {
            continue;
          }
          String id = op.getKey() + " " + path.getKey() + " " + code.getKey();
          Function<RequestSpecification, Response> request = requests.get(id);
          if (request == null && (code.getKey().equals("401") || code.getKey().equals("403"))) {
            // Every operation documents them (the key filter answers before the endpoint): no key,
            // then a key
            // that may only ingest (no read, no admin).
            String concrete =
                path.getKey()
                    .replace("{traceId}", traceId[0])
                    .replace("{keyId}", revocable)
                    .replace("{userId}", "4711")
                    .replace("{sessionId}", "chat-81")
                    .replace("{fingerprint}", "a1b2c3")
                    .replace("{viewId}", "view_0000000000000000")
                    .replace("{configId}", "cfg_0000000000000000")
                    // alerting ids: the key filter answers before any lookup
                    .replace("{id}", "rul_000000000000");
            String with = code.getKey().equals("401") ? null : ingestOnly;
            request =
                s ->
                    (with == null ? s : s.auth().oauth2(with))
                        .contentType(ContentType.JSON)
                        .body("{}")
                        .request(op.getKey(), concrete);
          }
          if (request == null) {
            problems.add(id + ": documented, but this test has no request for it");
            continue;
          }
          Response answer = request.apply(given());
          checked++;
          if (answer.statusCode() != Integer.parseInt(code.getKey())) {
            problems.add(
                id + ": the request answered " + answer.statusCode() + " " + answer.asString());
            continue;
          }
          JsonNode real = JSON.readTree(answer.asString());
          for (JsonNode example : examples) {
            JsonNode value = example.path("value");
            JsonNode documented = value.isTextual() ? JSON.readTree(value.asText()) : value;
            compare(id, documented, real, REPEATS_THE_EXAMPLE.contains(id), problems);
            if (documented.path("message").asText().contains(":") && real.has("message")) {
              String field = documented.path("message").asText().split(":")[0];
              if (!real.path("message").asText().startsWith(field + ":")) {
                problems.add(
                    id
                        + ": the example's message names "
                        + field
                        + ", the real one: "
                        + real.path("message").asText());
              }
            }
          }
        }
      }
    }
    receiver.close();
    assertThat(problems).as("%d documented answers checked", checked).isEmpty();
    assertThat(checked).isGreaterThanOrEqualTo(30);
  }

  private static void compare(
      String where, JsonNode example, JsonNode real, boolean exact, List<String> problems) {
    if (example.isNull() || real.isNull()) {
      return;
    }
    if (example.isObject()) {
      if (!real.isObject()) {
        problems.add(where + ": documented an object, answered " + real.getNodeType());
        return;
      }
      for (Iterator<Map.Entry<String, JsonNode>> fields = example.fields(); fields.hasNext(); ) {
        Map.Entry<String, JsonNode> field = fields.next();
        JsonNode answered = real.get(field.getKey());
        if (answered == null) {
          problems.add(where + "." + field.getKey() + ": documented, not in the real answer");
        } else if ((exact || field.getKey().equals("error"))
            && EXACT.contains(field.getKey())
            && !answered.equals(field.getValue())) {
          problems.add(
              where
                  + "."
                  + field.getKey()
                  + ": documented "
                  + field.getValue()
                  + ", answered "
                  + answered);
        } else if (!MAPS.contains(field.getKey())) {
          compare(where + "." + field.getKey(), field.getValue(), answered, exact, problems);
        }
      }
    } else if (example.isArray()) {
      if (!real.isArray()) {
        problems.add(where + ": documented an array, answered " + real.getNodeType());
      } else if (!example.isEmpty() && !real.isEmpty()) {
        compare(where + "[0]", example.get(0), real.get(0), exact, problems);
      }
    } else if (example.getNodeType() != real.getNodeType()) {
      problems.add(
          where
              + ": documented "
              + example.getNodeType()
              + " "
              + example
              + ", answered "
              + real.getNodeType()
              + " "
              + real);
    }
  }
}
