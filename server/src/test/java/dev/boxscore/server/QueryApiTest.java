package dev.boxscore.server;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * The API's answers to missing keys and bad parameters: the right status and a message naming the
 * parameter.
 */
@QuarkusTest
class QueryApiTest {
  @Test
  void withoutAValidKeyIs401() {
    given().get("/api/v1/traces").then().statusCode(401).body("error", equalTo("unauthorized"));
    given().auth().oauth2("wrong").get("/api/v1/traces").then().statusCode(401);
  }

  @Test
  void unknownTraceIs404WithAMessage() {
    given()
        .auth()
        .oauth2(EmbeddedInfrastructure.API_KEY)
        .get("/api/v1/traces/0123456789abcdef0123456789abcdef")
        .then()
        .statusCode(404)
        .body("message", containsString("0123456789abcdef0123456789abcdef"));
  }

  @Test
  void badParametersAre400NamingTheParameter() {
    given()
        .auth()
        .oauth2(EmbeddedInfrastructure.API_KEY)
        .get("/api/v1/traces/not-a-trace-id")
        .then()
        .statusCode(400)
        .body("message", containsString("traceId"));
    given()
        .auth()
        .oauth2(EmbeddedInfrastructure.API_KEY)
        .queryParam("from", "yesterday")
        .get("/api/v1/traces")
        .then()
        .statusCode(400)
        .body("message", containsString("from"));
    given()
        .auth()
        .oauth2(EmbeddedInfrastructure.API_KEY)
        .queryParam("limit", "0")
        .get("/api/v1/traces")
        .then()
        .statusCode(400)
        .body("message", containsString("limit"));
    given()
        .auth()
        .oauth2(EmbeddedInfrastructure.API_KEY)
        .queryParam("limit", "ten")
        .get("/api/v1/traces")
        .then()
        .statusCode(400)
        .body("message", containsString("limit"));
    given()
        .auth()
        .oauth2(EmbeddedInfrastructure.API_KEY)
        .queryParam("cursor", "'; DROP TABLE spans --")
        .get("/api/v1/traces")
        .then()
        .statusCode(400)
        .body("message", containsString("cursor"));
    given()
        .auth()
        .oauth2(EmbeddedInfrastructure.API_KEY)
        .queryParam("from", "2026-01-02T00:00:00Z")
        .queryParam("to", "2026-01-01T00:00:00Z")
        .get("/api/v1/traces")
        .then()
        .statusCode(400)
        .body("message", containsString("from"));
  }

  @Test
  void injectionInFiltersIsJustAFilterValue() {
    given()
        .auth()
        .oauth2(EmbeddedInfrastructure.API_KEY)
        .queryParam("service", "x' OR '1'='1")
        .queryParam("model", "') UNION SELECT 1 --")
        .get("/api/v1/traces")
        .then()
        .statusCode(200)
        .body("traces.size()", equalTo(0));
  }

  @Test
  void healthAndOpenApiAreServed() {
    // Ready once the ingest role has joined its consumer group, a moment after the application
    // started.
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                given()
                    .get("/q/health/ready")
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("UP"))
                    .body("checks.name", org.hamcrest.Matchers.hasItem("ingest")));
    given().get("/q/openapi").then().statusCode(200).body(containsString("/api/v1/traces"));
  }
}
