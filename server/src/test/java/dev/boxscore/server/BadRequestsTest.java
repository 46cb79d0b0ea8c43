package dev.boxscore.server;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What a malformed, out-of-range or unknown request body or parameter gets: 400 with a message
 * naming the field, never a 500, never a value stored other than the one sent; and the headers
 * every answer carries.
 */
@QuarkusTest
class BadRequestsTest {
  private static final String PRICE =
      "{\"provider\":\"acme\",\"model\":\"acme-%s\",\"input\":%s,\"output\":1,\"effectiveFrom\":\"%s\"}";

  private static ValidatableResponse putPrice(String adminKey, String body) {
    return given()
        .auth()
        .oauth2(adminKey)
        .contentType(ContentType.JSON)
        .body(body)
        .put("/api/v1/prices")
        .then();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "[]                                                                   | body: must be a JSON object",
        "\"x\"                                                                | body: must be a JSON object",
        "{\"provider\":\"acme\",\"model\":\"m\",\"input\":\"abc\",\"output\":1,\"effectiveFrom\":\"2026-01-01\"} | input: must be a number",
        "{\"provider\":\"acme\",\"model\":\"m\",\"anyProvider\":\"yes\",\"input\":1,\"output\":1,\"effectiveFrom\":\"2026-01-01\"} | anyProvider: must be true or false",
        "{\"provider\":\"acme\",\"model\":\"m\",\"input\":1,\"output\":1,\"effectiveFrom\":\"2026-01-01\",\"inptu\":2} | inptu: unknown field",
        "{\"provider\":\"acme\",                                              | body: is not valid JSON",
        "{\"provider\":\"acme\" \"model\":1}                                  | body: is not valid JSON",
        "{\"provider\":[\"acme\"],\"model\":\"m\",\"input\":1,\"output\":1,\"effectiveFrom\":\"2026-01-01\"} | provider: must be a string",
      })
  void aMalformedPriceBodyIsRefusedNamingTheField(String body, String message) {
    Projects.Created project = Projects.create("bad-price-bodies");
    putPrice(project.adminKey(), body)
        .statusCode(400)
        .body("error", equalTo("bad_parameter"))
        .body("message", startsWith(message));
    given()
        .auth()
        .oauth2(project.adminKey())
        .get("/api/v1/prices")
        .then()
        .statusCode(200)
        .body("project", org.hamcrest.Matchers.empty());
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "1                | 1900-01-01   | effectiveFrom: must be between 1970-01-01 and 2149-06-06",
        "1                | 2150-01-01   | effectiveFrom: must be between 1970-01-01 and 2149-06-06",
        "1                | +10000-01-01 | effectiveFrom: must be between 1970-01-01 and 2149-06-06",
        "1e-400           | 2026-01-01   | input: must have at most 9 decimal places",
        "0.0000000001     | 2026-01-01   | input: must have at most 9 decimal places",
        "1000001          | 2026-01-01   | input: must be between 0 and 1000000",
      })
  void aPriceTheStoreCannotHoldExactlyIsRefusedNotClamped(
      String input, String from, String message) {
    Projects.Created project = Projects.create("bad-price-values");
    putPrice(project.adminKey(), PRICE.formatted("x", input, from))
        .statusCode(400)
        .body("message", startsWith(message));
  }

  @Test
  void aPriceIsStoredAsAnsweredAndTheAnsweredValuesDeleteIt() {
    Projects.Created project = Projects.create("exact-prices");
    JsonPath answered =
        putPrice(project.adminKey(), PRICE.formatted("edge", "0.000000001", "2149-06-06"))
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(answered.getString("effectiveFrom")).isEqualTo("2149-06-06");
    assertThat(answered.getString("input")).isEqualTo("1.0E-9");
    JsonPath listed =
        given()
            .auth()
            .oauth2(project.adminKey())
            .get("/api/v1/prices")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(listed.getString("project[0].effectiveFrom")).isEqualTo("2149-06-06");
    assertThat(listed.getString("project[0].input")).isEqualTo(answered.getString("input"));
    given()
        .auth()
        .oauth2(project.adminKey())
        .queryParams(
            Map.of(
                "provider",
                answered.getString("provider"),
                "model",
                answered.getString("model"),
                "effective_from",
                answered.getString("effectiveFrom")))
        .delete("/api/v1/prices")
        .then()
        .statusCode(204);
  }

  @Test
  void malformedAdminBodiesAreRefusedNamingTheField() {
    Projects.Created project = Projects.create("bad-admin-bodies");
    given()
        .auth()
        .oauth2(project.adminKey())
        .contentType(ContentType.JSON)
        .body("{\"name\":")
        .post("/api/v1/admin/keys")
        .then()
        .statusCode(400)
        .body("message", startsWith("body: is not valid JSON"));
    given()
        .auth()
        .oauth2(project.adminKey())
        .contentType(ContentType.JSON)
        .body("{\"retentionDays\":")
        .put("/api/v1/admin/project")
        .then()
        .statusCode(400)
        .body("message", startsWith("body: is not valid JSON"));
  }

  @Test
  void aLongDriftBaselineIsRefusedNotReportedAsAnOutage() {
    given()
        .auth()
        .oauth2(EmbeddedInfrastructure.API_KEY)
        .queryParams(
            Map.of(
                "model",
                "gpt-4o",
                "baseline_from",
                "2020-01-01T00:00:00Z",
                "baseline_to",
                "2026-01-01T00:00:00Z"))
        .get("/api/v1/drift")
        .then()
        .statusCode(400)
        .body("message", startsWith("baseline_from: "));
  }

  @Test
  void aQueryOf16KilobytesGetsAMessageNamingTheParameter() {
    given()
        .auth()
        .oauth2(EmbeddedInfrastructure.API_KEY)
        .queryParam("service", "s".repeat(16 * 1024))
        .get("/api/v1/traces")
        .then()
        .statusCode(400)
        .body("message", startsWith("service: must be at most"));
  }

  @Test
  void everyAnswerForbidsFramingAndSniffingAndApiAnswersAreNotCached() {
    for (String path : List.of("/", "/api/v1/traces", "/q/openapi")) {
      given()
          .auth()
          .oauth2(EmbeddedInfrastructure.API_KEY)
          .get(path)
          .then()
          .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
          .header("X-Frame-Options", "DENY")
          .header("X-Content-Type-Options", "nosniff");
    }
    given()
        .auth()
        .oauth2(EmbeddedInfrastructure.API_KEY)
        .get("/api/v1/traces")
        .then()
        .statusCode(200)
        .header("Cache-Control", "no-store");
    given().get("/api/v1/traces").then().statusCode(401).header("Cache-Control", "no-store");
  }
}
