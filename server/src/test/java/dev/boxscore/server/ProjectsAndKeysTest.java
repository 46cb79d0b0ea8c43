package dev.boxscore.server;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import dev.boxscore.collector.CollectorRole;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Projects, keys with scopes (hashed, shown once, revocable, last-used), retention, and isolation
 * between projects.
 */
@QuarkusTest
class ProjectsAndKeysTest {
  @Inject CollectorRole collector;

  @Test
  void keysAreShownOnceScopedRevocableAndRecordTheirLastUse() {
    Projects.Created project = Projects.create("keys-" + UUID.randomUUID());
    String[] ingest = Projects.key(project.adminKey(), List.of("ingest"), null);
    String[] read = Projects.key(project.adminKey(), List.of("read"), null);
    assertThat(ingest[0]).startsWith("bx_").hasSizeGreaterThan(40);

    // Listed without the secret, only its first characters.
    String listing =
        given()
            .auth()
            .oauth2(project.adminKey())
            .get("/api/v1/admin/keys")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(listing)
        .contains(ingest[1], read[1], ingest[0].substring(0, 10))
        .doesNotContain(ingest[0], read[0]);

    // Scopes: an ingest key cannot read, a read key cannot ingest, neither may administer.
    given().auth().oauth2(ingest[0]).get("/api/v1/traces").then().statusCode(403);
    given().auth().oauth2(read[0]).get("/api/v1/admin/keys").then().statusCode(403);
    String service = "keys-" + UUID.randomUUID();
    assertThat(
            Otlp.export(
                Otlp.httpExporter(collector.httpPort(), read[0]),
                service,
                t -> t.spanBuilder("x").startSpan().end()))
        .isFalse();
    String[] traceId = new String[1];
    assertThat(
            Otlp.export(
                Otlp.httpExporter(collector.httpPort(), ingest[0]),
                service,
                t -> traceId[0] = Otlp.chatTrace(t, "gpt-4o-mini", 10, 5)))
        .isTrue();
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                given()
                    .auth()
                    .oauth2(read[0])
                    .get("/api/v1/traces/" + traceId[0])
                    .then()
                    .statusCode(200));

    // Last use is recorded for both keys.
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              JsonPath keys =
                  given()
                      .auth()
                      .oauth2(project.adminKey())
                      .get("/api/v1/admin/keys")
                      .then()
                      .extract()
                      .jsonPath();
              assertThat(keys.getString("keys.find { it.keyId == '" + ingest[1] + "' }.lastUsedAt"))
                  .isNotNull();
              assertThat(keys.getString("keys.find { it.keyId == '" + read[1] + "' }.lastUsedAt"))
                  .isNotNull();
            });

    // Revoked: refused at once by the collector and the API.
    given()
        .auth()
        .oauth2(project.adminKey())
        .delete("/api/v1/admin/keys/" + ingest[1])
        .then()
        .statusCode(200)
        .body("revokedAt", notNullValue());
    given()
        .auth()
        .oauth2(project.adminKey())
        .delete("/api/v1/admin/keys/" + read[1])
        .then()
        .statusCode(200);
    assertThat(
            Otlp.export(
                Otlp.httpExporter(collector.httpPort(), ingest[0]),
                service,
                t -> t.spanBuilder("y").startSpan().end()))
        .isFalse();
    given().auth().oauth2(read[0]).get("/api/v1/traces").then().statusCode(401);
  }

  @Test
  void aKeyOfOneProjectNeitherReadsNorWritesAnother() {
    Projects.Created a = Projects.create("a-" + UUID.randomUUID());
    Projects.Created b = Projects.create("b-" + UUID.randomUUID());
    String serviceA = "svc-a-" + UUID.randomUUID();
    String modelA = "gpt-4o-mini";
    String[] traceId = new String[1];
    assertThat(
            Otlp.export(
                Otlp.httpExporter(collector.httpPort(), a.adminKey()),
                serviceA,
                t -> traceId[0] = Otlp.chatTrace(t, modelA, 100, 50)))
        .isTrue();
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                given()
                    .auth()
                    .oauth2(a.adminKey())
                    .get("/api/v1/traces/" + traceId[0])
                    .then()
                    .statusCode(200));

    // Every read endpoint of B: nothing of A.
    given().auth().oauth2(b.adminKey()).get("/api/v1/traces/" + traceId[0]).then().statusCode(404);
    given()
        .auth()
        .oauth2(b.adminKey())
        .queryParam("service", serviceA)
        .get("/api/v1/traces")
        .then()
        .statusCode(200)
        .body("traces.size()", equalTo(0));
    given()
        .auth()
        .oauth2(b.adminKey())
        .get("/api/v1/traces")
        .then()
        .statusCode(200)
        .body("traces.size()", equalTo(0));
    assertThat(
            given().auth().oauth2(b.adminKey()).get("/api/v1/services").then().extract().asString())
        .doesNotContain(serviceA);
    given()
        .auth()
        .oauth2(b.adminKey())
        .get("/api/v1/models")
        .then()
        .statusCode(200)
        .body("models.size()", equalTo(0));
    assertThat(
            given()
                .auth()
                .oauth2(b.adminKey())
                .get("/api/v1/admin/keys")
                .then()
                .extract()
                .asString())
        .doesNotContain(a.adminKeyId());
    given()
        .auth()
        .oauth2(b.adminKey())
        .get("/api/v1/admin/project")
        .then()
        .body("id", equalTo(b.id()));

    // Writes of B never reach A: not a revoke of A's key, not spans (even naming A's project or
    // trace).
    given()
        .auth()
        .oauth2(b.adminKey())
        .delete("/api/v1/admin/keys/" + a.adminKeyId())
        .then()
        .statusCode(404);
    given()
        .auth()
        .oauth2(b.adminKey())
        .contentType(ContentType.JSON)
        .body(Map.of("retentionDays", 1))
        .put("/api/v1/admin/project")
        .then()
        .statusCode(200)
        .body("id", equalTo(b.id()));
    given()
        .auth()
        .oauth2(a.adminKey())
        .get("/api/v1/admin/project")
        .then()
        .body("retentionDays", equalTo(30));
    given()
        .auth()
        .oauth2(b.adminKey())
        .contentType(ContentType.JSON)
        .body(Map.of("name", "x"))
        .post("/api/v1/admin/projects")
        .then()
        .statusCode(403);
    OtlpRequests.post(
        collector.httpPort(),
        b.adminKey(),
        OtlpRequests.withResourceAttribute(
            OtlpRequests.spanOf(traceId[0], serviceA, "from-b"), "project_id", a.id()));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                given()
                    .auth()
                    .oauth2(b.adminKey())
                    .get("/api/v1/traces/" + traceId[0])
                    .then()
                    .statusCode(200)
                    .body("spans.size()", equalTo(1)));
    given()
        .auth()
        .oauth2(a.adminKey())
        .get("/api/v1/traces/" + traceId[0])
        .then()
        .statusCode(200)
        .body("spans.size()", equalTo(3))
        .body("spans.name", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem("from-b")));
  }

  @Test
  void retentionIsPerProjectAndEnforcedByTheTableTtl() {
    Projects.Created project = Projects.create("retention-" + UUID.randomUUID());
    given()
        .auth()
        .oauth2(project.adminKey())
        .get("/api/v1/admin/project")
        .then()
        .body("retentionDays", equalTo(30));
    given()
        .auth()
        .oauth2(project.adminKey())
        .contentType(ContentType.JSON)
        .body(Map.of("retentionDays", 7))
        .put("/api/v1/admin/project")
        .then()
        .statusCode(200)
        .body("retentionDays", equalTo(7));
    String service = "retention-" + UUID.randomUUID();
    assertThat(
            Otlp.export(
                Otlp.httpExporter(collector.httpPort(), project.adminKey()),
                service,
                t -> Otlp.chatTrace(t, "gpt-4o-mini", 1, 1)))
        .isTrue();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> StoredSpans.ofService(project.id(), service).rows() == 3);
    assertThat(
            StoredSpans.query(
                    "SELECT DISTINCT retention_days FROM boxscore.spans WHERE project_id = {p:String} FORMAT TabSeparated",
                    "p",
                    project.id())
                .strip())
        .isEqualTo("7");
    assertThat(StoredSpans.query("SHOW CREATE TABLE boxscore.spans FORMAT TabSeparatedRaw"))
        .contains("TTL toDateTime(start_time) + toIntervalDay(retention_days)");
  }

  @Test
  void adminParametersAreValidatedByName() {
    Projects.Created project = Projects.create("params-" + UUID.randomUUID());
    String key = project.adminKey();
    given()
        .auth()
        .oauth2(key)
        .contentType(ContentType.JSON)
        .body(Map.of("scopes", List.of("root")))
        .post("/api/v1/admin/keys")
        .then()
        .statusCode(400)
        .body("message", containsString("scopes"));
    given()
        .auth()
        .oauth2(key)
        .contentType(ContentType.JSON)
        .body(Map.of("name", "k"))
        .post("/api/v1/admin/keys")
        .then()
        .statusCode(400)
        .body("message", containsString("scopes"));
    given()
        .auth()
        .oauth2(key)
        .contentType(ContentType.JSON)
        .body(Map.of("scopes", List.of("read"), "requestsPerSecond", "'; DROP TABLE spans --"))
        .post("/api/v1/admin/keys")
        .then()
        .statusCode(400)
        .body("message", containsString("requestsPerSecond"));
    given()
        .auth()
        .oauth2(key)
        .contentType(ContentType.JSON)
        .body(Map.of("retentionDays", 0))
        .put("/api/v1/admin/project")
        .then()
        .statusCode(400)
        .body("message", containsString("retentionDays"));
    given()
        .auth()
        .oauth2(key)
        .contentType(ContentType.JSON)
        .body(Map.of("retentionDays", "30 DAY; DROP TABLE spans"))
        .put("/api/v1/admin/project")
        .then()
        .statusCode(400)
        .body("message", containsString("retentionDays"));
    given()
        .auth()
        .oauth2(key)
        .contentType(ContentType.JSON)
        .body(Map.of("name", ""))
        .put("/api/v1/admin/project")
        .then()
        .statusCode(400)
        .body("message", containsString("name"));
    given()
        .auth()
        .oauth2(key)
        .delete("/api/v1/admin/keys/' OR 1=1 --")
        .then()
        .statusCode(400)
        .body("message", containsString("keyId"));
    given()
        .auth()
        .oauth2(EmbeddedInfrastructure.API_KEY)
        .contentType(ContentType.JSON)
        .body(Map.of("retentionDays", 3))
        .post("/api/v1/admin/projects")
        .then()
        .statusCode(400)
        .body("message", containsString("name"));
  }
}
