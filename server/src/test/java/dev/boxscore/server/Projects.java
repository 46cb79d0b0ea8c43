package dev.boxscore.server;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;

/** The admin API, as a test uses it. */
final class Projects {
  private Projects() {}

  /** A project made with the bootstrap key. */
  record Created(String id, String adminKey, String adminKeyId) {}

  static Created create(String name) {
    JsonPath json =
        given()
            .auth()
            .oauth2(EmbeddedInfrastructure.API_KEY)
            .contentType(ContentType.JSON)
            .body(Map.of("name", name))
            .post("/api/v1/admin/projects")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    return new Created(
        json.getString("project.id"),
        json.getString("adminKey.key"),
        json.getString("adminKey.info.keyId"));
  }

  /** A key of the admin key's project: its secret and id. */
  static String[] key(String adminKey, List<String> scopes, Integer requestsPerSecond) {
    Map<String, Object> body = new java.util.HashMap<>(Map.of("name", "test", "scopes", scopes));
    if (requestsPerSecond != null) {
      body.put("requestsPerSecond", requestsPerSecond);
    }
    JsonPath json =
        given()
            .auth()
            .oauth2(adminKey)
            .contentType(ContentType.JSON)
            .body(body)
            .post("/api/v1/admin/keys")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    return new String[] {json.getString("key"), json.getString("info.keyId")};
  }
}
