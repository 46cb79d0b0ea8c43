package dev.boxscore.server;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.boxscore.collector.CollectorRole;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Users, sessions, full-text search, the filter grammar, saved views and the price preview through
 * the whole pipeline: OTLP/JSON as other instrumentations send it (each dialect's user and session
 * keys), read back through the query API of a project of the test's own.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchApiTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  @Inject CollectorRole collector;

  private Projects.Created project;
  private String readKey;
  private final String tag = UUID.randomUUID().toString().substring(0, 8);
  private final Map<String, String> traces = new java.util.LinkedHashMap<>();

  // Not @BeforeAll: RestAssured knows the test server's port only once a test runs.
  @BeforeEach
  void sendOneTracePerDialect() throws Exception {
    if (project != null) {
      return;
    }
    project = Projects.create("search-" + tag);
    readKey = Projects.key(project.adminKey(), List.of("read"), null)[0];
    long now = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis()) - 60_000_000_000L;
    send(
        "langfuse",
        now,
        1200,
        "gpt-4o-mini",
        """
        {"key":"langfuse.user.id","value":{"stringValue":"alice-%1$s"}},
        {"key":"langfuse.session.id","value":{"stringValue":"chat-%1$s"}},
        {"key":"gen_ai.completion.0.content","value":{"stringValue":"The refund policy allows 30 days"}}
        """
            .formatted(tag));
    send(
        "otel",
        now + 1_000_000_000L,
        300,
        "gpt-4o-mini",
        """
        {"key":"user.id","value":{"intValue":"4711"}},
        {"key":"gen_ai.conversation.id","value":{"stringValue":"chat-%1$s"}},
        {"key":"gen_ai.completion.0.content","value":{"stringValue":"今天天气很好"}}
        """
            .formatted(tag));
    send(
        "openllmetry",
        now + 2_000_000_000L,
        2500,
        "gpt-4o",
        """
        {"key":"traceloop.association.properties.user_id","value":{"stringValue":"bob-%1$s"}},
        {"key":"traceloop.association.properties.session_id","value":{"stringValue":"other-%1$s"}},
        {"key":"gen_ai.completion.0.content","value":{"stringValue":"مرحبا بالعالم"}}
        """
            .formatted(tag));
    send(
        "enduser",
        now + 3_000_000_000L,
        100,
        "gpt-4o",
        """
        {"key":"enduser.id","value":{"stringValue":"carol-%1$s"}},
        {"key":"session.id","value":{"stringValue":"solo-%1$s"}},
        {"key":"gen_ai.completion.0.content","value":{"stringValue":"nothing special"}}
        """
            .formatted(tag));
    for (String traceId : traces.values()) {
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  given()
                      .auth()
                      .oauth2(readKey)
                      .get("/api/v1/traces/" + traceId)
                      .then()
                      .statusCode(200));
    }
  }

  @Test
  void eachDialectsUserAndSessionAreFiltersAndColumns() {
    assertThat(ids("user:alice-" + tag)).containsExactly(traces.get("langfuse"));
    assertThat(ids("user:4711")).containsExactly(traces.get("otel"));
    assertThat(ids("user:bob-" + tag)).containsExactly(traces.get("openllmetry"));
    assertThat(ids("user:carol-" + tag)).containsExactly(traces.get("enduser"));
    assertThat(ids("session:chat-" + tag))
        .containsExactly(traces.get("otel"), traces.get("langfuse"));
    JsonPath page = search("user:4711");
    assertThat(page.getString("traces[0].userId")).isEqualTo("4711");
    assertThat(page.getString("traces[0].sessionId")).isEqualTo("chat-" + tag);
  }

  @Test
  void fullTextFindsChineseArabicAndEnglishAndHighlightsTheMatch() {
    assertThat(ids("天气")).containsExactly(traces.get("otel"));
    assertThat(ids("بالعالم")).containsExactly(traces.get("openllmetry"));
    JsonPath page = search("\"REFUND policy\"");
    assertThat(page.getList("traces.traceId")).containsExactly(traces.get("langfuse"));
    // OpenLLMetry's indexed completion is the call's normalized output.
    assertThat(page.getString("traces[0].match.field")).isEqualTo("output");
    assertThat(page.getString("traces[0].match.key")).isNull();
    String snippet = page.getString("traces[0].match.snippet");
    List<Integer> range = page.getList("traces[0].match.highlights[0]", Integer.class);
    assertThat(snippet.substring(range.get(0), range.get(1))).isEqualTo("refund policy");
    assertThat(ids("refund -policy")).isEmpty();
  }

  @Test
  void comparisonsAndNegationSelectByTheTracesFigures() {
    assertThat(ids("latency:>2s")).containsExactly(traces.get("openllmetry"));
    assertThat(ids("latency:<=300ms")).containsExactly(traces.get("enduser"), traces.get("otel"));
    assertThat(ids("-model:gpt-4o-mini"))
        .containsExactly(traces.get("enduser"), traces.get("openllmetry"));
    assertThat(ids("model:gpt-4o model:gpt-4o-mini")).hasSize(4);
    assertThat(ids("tokens:>=1000 cost:>0")).hasSize(4);
    assertThat(ids("status:error")).isEmpty();
  }

  @Test
  void aMalformedQueryIsRefusedNamingThePosition() {
    given()
        .auth()
        .oauth2(readKey)
        .queryParam("q", "user:x model:")
        .get("/api/v1/traces")
        .then()
        .statusCode(400)
        .extract()
        .jsonPath()
        .getString("message")
        .equals("q: position 14: expected a value after 'model:'");
    assertThat(
            given()
                .auth()
                .oauth2(readKey)
                .queryParam("q", "user:x model:")
                .get("/api/v1/traces")
                .then()
                .statusCode(400)
                .extract()
                .jsonPath()
                .getString("message"))
        .isEqualTo("q: position 14: expected a value after 'model:'");
    assertThat(
            given()
                .auth()
                .oauth2(readKey)
                .queryParam("q", "latency:>fast")
                .get("/api/v1/traces/histogram")
                .then()
                .statusCode(400)
                .extract()
                .jsonPath()
                .getString("message"))
        .startsWith("q: position 10: latency needs a comparison");
    assertThat(
            given()
                .auth()
                .oauth2(readKey)
                .queryParam("q", "colour:red")
                .get("/api/v1/traces")
                .then()
                .statusCode(400)
                .extract()
                .jsonPath()
                .getString("message"))
        .startsWith("q: position 1: unknown key 'colour'");
    assertThat(
            given()
                .auth()
                .oauth2(readKey)
                .queryParam("q", "\"open")
                .get("/api/v1/traces")
                .then()
                .statusCode(400)
                .extract()
                .jsonPath()
                .getString("message"))
        .isEqualTo("q: position 1: the quote opened here is not closed");
  }

  @Test
  void usersAndSessionsAddUpTheirCalls() {
    JsonPath users =
        given()
            .auth()
            .oauth2(readKey)
            .queryParam("sort", "calls")
            .get("/api/v1/users")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(users.getList("users.userId"))
        .containsExactlyInAnyOrder("alice-" + tag, "4711", "bob-" + tag, "carol-" + tag);
    JsonPath alice =
        given()
            .auth()
            .oauth2(readKey)
            .get("/api/v1/users/alice-" + tag)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(alice.getInt("calls")).isEqualTo(1);
    assertThat(alice.getInt("inputTokens")).isEqualTo(1000);
    assertThat(alice.getDouble("costUsd")).isPositive();
    assertThat(alice.getList("series")).hasSize(30);
    // The user's cost equals the trace list's cost of the same call.
    assertThat(alice.getDouble("costUsd"))
        .isEqualTo(search("user:alice-" + tag).getDouble("traces[0].costUsd"));
    given().auth().oauth2(readKey).get("/api/v1/users/nobody-" + tag).then().statusCode(404);
    JsonPath session =
        given()
            .auth()
            .oauth2(readKey)
            .get("/api/v1/sessions/chat-" + tag)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(session.getInt("traces")).isEqualTo(2);
    assertThat(session.getList("traceList.traceId"))
        .containsExactly(traces.get("langfuse"), traces.get("otel"));
    JsonPath sessions =
        given()
            .auth()
            .oauth2(readKey)
            .queryParam("user", "bob-" + tag)
            .get("/api/v1/sessions")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(sessions.getList("sessions.sessionId")).containsExactly("other-" + tag);
    given()
        .auth()
        .oauth2(readKey)
        .queryParam("sort", "size")
        .get("/api/v1/users")
        .then()
        .statusCode(400);
  }

  @Test
  void analyticsGroupAndFilterByUserAndSession() {
    JsonPath byUser =
        given()
            .auth()
            .oauth2(readKey)
            .queryParam("group_by", "user")
            .queryParam("bucket", "1d")
            .queryParam("from", Instant.now().minus(Duration.ofDays(1)).toString())
            .get("/api/v1/metrics")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(byUser.getList("rows.group.user"))
        .containsExactlyInAnyOrder("alice-" + tag, "4711", "bob-" + tag, "carol-" + tag);
    JsonPath bySession =
        given()
            .auth()
            .oauth2(readKey)
            .queryParam("group_by", "session,model")
            .queryParam("user", "alice-" + tag)
            .queryParam("bucket", "1d")
            .queryParam("from", Instant.now().minus(Duration.ofDays(1)).toString())
            .get("/api/v1/metrics")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(bySession.getList("rows.group.session")).containsExactly("chat-" + tag);
    assertThat(bySession.getInt("rows[0].calls")).isEqualTo(1);
    assertThat(bySession.getDouble("rows[0].cost.usd"))
        .isEqualTo(search("user:alice-" + tag).getDouble("traces[0].costUsd"));
    assertThat(
            given()
                .auth()
                .oauth2(readKey)
                .queryParam("group_by", "user,service")
                .get("/api/v1/metrics")
                .then()
                .statusCode(400)
                .extract()
                .jsonPath()
                .getString("message"))
        .startsWith("group_by: service does not combine with user or session");
    assertThat(
            given()
                .auth()
                .oauth2(readKey)
                .queryParam("user", "4711")
                .queryParam("bucket", "5m")
                .get("/api/v1/metrics")
                .then()
                .statusCode(400)
                .extract()
                .jsonPath()
                .getString("message"))
        .startsWith("bucket: must be whole hours");
  }

  @Test
  void suggestionsAndTheHistogramFollowTheQuery() {
    assertThat(
            given()
                .auth()
                .oauth2(readKey)
                .queryParam("key", "model")
                .queryParam("prefix", "GPT-4O-M")
                .get("/api/v1/traces/suggest")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("values"))
        .containsExactly("gpt-4o-mini");
    assertThat(
            given()
                .auth()
                .oauth2(readKey)
                .get("/api/v1/traces/suggest")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("keys"))
        .contains("service", "model", "user", "session", "attr.");
    JsonPath histogram =
        given()
            .auth()
            .oauth2(readKey)
            .queryParam("q", "session:chat-" + tag)
            .queryParam("from", Instant.now().minusSeconds(3600).toString())
            .queryParam("buckets", 12)
            .get("/api/v1/traces/histogram")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(histogram.getList("points")).hasSize(12);
    assertThat(histogram.getList("points.traces", Integer.class).stream().mapToInt(i -> i).sum())
        .isEqualTo(2);
  }

  @Test
  void savedViewsAreKeptPerProjectAndChangedOnlyWithAnAdminKey() {
    given()
        .auth()
        .oauth2(readKey)
        .contentType("application/json")
        .body("{\"name\":\"x\",\"q\":\"\"}")
        .post("/api/v1/views")
        .then()
        .statusCode(403);
    given()
        .auth()
        .oauth2(project.adminKey())
        .contentType("application/json")
        .body("{\"name\":\"x\",\"q\":\"model:\"}")
        .post("/api/v1/views")
        .then()
        .statusCode(400);
    given()
        .auth()
        .oauth2(project.adminKey())
        .contentType("application/json")
        .body("{\"name\":\"\",\"q\":\"model:a\"}")
        .post("/api/v1/views")
        .then()
        .statusCode(400);
    String id =
        given()
            .auth()
            .oauth2(project.adminKey())
            .contentType("application/json")
            .body("{\"name\":\"slow\",\"q\":\"latency:>2s\"}")
            .post("/api/v1/views")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath()
            .getString("id");
    given()
        .auth()
        .oauth2(project.adminKey())
        .contentType("application/json")
        .body("{\"name\":\"slow\",\"q\":\"latency:>3s\"}")
        .post("/api/v1/views")
        .then()
        .statusCode(200);
    JsonPath views =
        given()
            .auth()
            .oauth2(readKey)
            .get("/api/v1/views")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(views.getList("views.id")).containsExactly(id);
    assertThat(views.getString("views[0].q")).isEqualTo("latency:>3s");
    given().auth().oauth2(project.adminKey()).delete("/api/v1/views/" + id).then().statusCode(204);
    given().auth().oauth2(project.adminKey()).delete("/api/v1/views/" + id).then().statusCode(404);
    assertThat(
            given()
                .auth()
                .oauth2(readKey)
                .get("/api/v1/views")
                .then()
                .extract()
                .jsonPath()
                .getList("views"))
        .isEmpty();
  }

  @Test
  void aPricePreviewShowsTheChangeAndTheSavedPriceRepricesTheList() {
    String price =
        "{\"provider\":\"openai\",\"model\":\"gpt-4o\",\"input\":100,\"output\":100,\"effectiveFrom\":\"2020-01-01\"}";
    JsonPath preview =
        given()
            .auth()
            .oauth2(project.adminKey())
            .contentType("application/json")
            .body(price)
            .post("/api/v1/prices/preview")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(preview.getInt("calls")).isEqualTo(2);
    // gpt-4o calls: 1000 + 100 tokens twice at $100 per 1M.
    assertThat(preview.getDouble("newCostUsd")).isEqualTo(0.22);
    given()
        .auth()
        .oauth2(readKey)
        .contentType("application/json")
        .body(price)
        .post("/api/v1/prices/preview")
        .then()
        .statusCode(403);
    assertThat(ids("cost:>0.1")).isEmpty();
    given()
        .auth()
        .oauth2(project.adminKey())
        .contentType("application/json")
        .body(price)
        .put("/api/v1/prices")
        .then()
        .statusCode(200);
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(ids("cost:>0.1"))
                    .containsExactly(traces.get("enduser"), traces.get("openllmetry")));
    assertThat(search("user:carol-" + tag).getDouble("traces[0].costUsd")).isEqualTo(0.11);
    given()
        .auth()
        .oauth2(project.adminKey())
        .delete("/api/v1/prices?provider=openai&model=gpt-4o&effective_from=2020-01-01")
        .then()
        .statusCode(204);
  }

  private JsonPath search(String q) {
    return given()
        .auth()
        .oauth2(readKey)
        .queryParam("q", q)
        .get("/api/v1/traces")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private List<String> ids(String q) {
    return search(q).getList("traces.traceId");
  }

  private void send(String dialect, long start, long durationMs, String model, String attributes)
      throws Exception {
    String traceId = UUID.randomUUID().toString().replace("-", "");
    traces.put(dialect, traceId);
    String body =
        """
        {"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"svc-%s"}}]},
         "scopeSpans":[{"scope":{"name":"search-test"},"spans":[{"traceId":"%s","spanId":"00f067aa0ba902b7",
         "name":"chat %s","kind":3,"startTimeUnixNano":"%d","endTimeUnixNano":"%d","attributes":[
         {"key":"gen_ai.operation.name","value":{"stringValue":"chat"}},
         {"key":"gen_ai.provider.name","value":{"stringValue":"openai"}},
         {"key":"gen_ai.request.model","value":{"stringValue":"%s"}},
         {"key":"gen_ai.usage.input_tokens","value":{"intValue":"1000"}},
         {"key":"gen_ai.usage.output_tokens","value":{"intValue":"100"}},
         %s]}]}]}]}
        """
            .formatted(
                dialect, traceId, model, start, start + durationMs * 1_000_000L, model, attributes);
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + collector.httpPort() + "/v1/traces"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + project.adminKey())
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }
}
