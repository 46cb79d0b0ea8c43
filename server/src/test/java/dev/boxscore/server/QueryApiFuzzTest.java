package dev.boxscore.server;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every read endpoint of the query API, every query and path parameter it documents (read from its
 * own OpenAPI document, so a new parameter is fuzzed without editing this test), with hostile
 * strings and numbers and dates at and past every bound: each answer is a 2xx or a 4xx whose
 * message names the parameter, never a 5xx, and the server is ready afterwards.
 */
@QuarkusTest
class QueryApiFuzzTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  /** Values the parameters that must be present get while another one is fuzzed. */
  private static final Map<String, String> REQUIRED =
      Map.of(
          "a",
          "gpt-4o",
          "b",
          "gpt-4o-mini",
          "model",
          "gpt-4o",
          "a_version",
          "v1",
          "b_version",
          "v2");

  static final List<String> HOSTILE =
      List.of(
          "a\\",
          "\\N",
          "a'b\"c",
          "tab\there",
          "line\nbreak",
          "nul\u0000byte",
          "\u202Eevil\u200F",
          "🦜",
          "<script>alert(1)</script>",
          "x".repeat(513),
          "x".repeat(64 * 1024),
          " ",
          "-1",
          "0",
          "2147483648",
          "1e999",
          "NaN",
          "1969-12-31T23:59:59Z",
          "1970-01-01T00:00:00Z",
          "2262-04-12T00:00:00Z",
          "+999999999-12-31T23:59:59Z",
          "2026-02-30T00:00:00Z",
          "2026-12-01",
          "0s",
          "999999d",
          "P1D",
          "model,model",
          "unknown_dimension",
          "[]");

  @Test
  void everyParameterOfEveryReadEndpointAnswersA2xxOrA4xxNamingIt() throws Exception {
    JsonNode openApi =
        JSON.readTree(given().queryParam("format", "json").get("/q/openapi").asString());
    Map<String, Integer> statuses = new ConcurrentSkipListMap<>();
    List<String> failures = new CopyOnWriteArrayList<>();
    List<Callable<Void>> calls = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> paths = openApi.path("paths").fields();
        paths.hasNext(); ) {
      Map.Entry<String, JsonNode> path = paths.next();
      JsonNode get = path.getValue().path("get");
      if (!path.getKey().startsWith("/api/v1/") || get.isMissingNode()) {
        continue;
      }
      List<JsonNode> parameters = new ArrayList<>();
      get.path("parameters").forEach(parameters::add);
      path.getValue().path("parameters").forEach(parameters::add);
      for (JsonNode parameter : parameters) {
        String name = parameter.path("name").asText();
        String in = parameter.path("in").asText();
        if (!in.equals("query") && !in.equals("path")) {
          continue;
        }
        Pattern named = Pattern.compile("(^|[^a-z_])" + Pattern.quote(name) + "([:= )]|$)");
        for (String value : HOSTILE) {
          calls.add(
              () -> {
                HttpResponse<String> answer = call(path.getKey(), parameters, name, in, value);
                int status = answer.statusCode();
                statuses.merge(path.getKey() + " " + status, 1, Integer::sum);
                String body = answer.body();
                if (status >= 500) {
                  failures.add(
                      path.getKey()
                          + " "
                          + name
                          + "="
                          + shown(value)
                          + " -> "
                          + status
                          + " "
                          + shown(body));
                } else if (status >= 400 && status != 404 && !named.matcher(message(body)).find()) {
                  failures.add(
                      path.getKey()
                          + " "
                          + name
                          + "="
                          + shown(value)
                          + " -> "
                          + status
                          + " without naming it: "
                          + shown(body));
                }
                return null;
              });
        }
      }
    }
    // A few at a time, as several users' browsers would ask.
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      for (Future<Void> done : pool.invokeAll(calls)) {
        done.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(failures).as("answers of %d fuzzed calls (%s)", calls.size(), statuses).isEmpty();
    assertThat(calls.size())
        .as("the OpenAPI document lists the read endpoints' parameters")
        .isGreaterThan(1000);
    given().get("/q/health/ready").then().statusCode(200);
  }

  /**
   * One GET with the JDK's client: the fuzzed calls are many, and RestAssured's per-call cost (a
   * Groovy request builder, URI re-encoding of 64 KiB values) was most of this test's CPU time.
   */
  private static HttpResponse<String> call(
      String template, List<JsonNode> parameters, String fuzzed, String in, String value)
      throws Exception {
    StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
    String path = template;
    for (JsonNode parameter : parameters) {
      String name = parameter.path("name").asText();
      String where = parameter.path("in").asText();
      String v = name.equals(fuzzed) ? value : REQUIRED.getOrDefault(name, null);
      if (where.equals("path")) {
        // A path segment cannot be empty or hold a slash and still reach the endpoint.
        String segment =
            name.equals(fuzzed) && !value.isEmpty() && !value.contains("/")
                ? value
                : "0af7651916cd43dd8448eb211c80319c";
        path = path.replace("{" + name + "}", encoded(segment).replace("+", "%20"));
      } else if (v != null) {
        query.add(encoded(name) + "=" + encoded(v));
      }
    }
    // A fuzzed path parameter is sent alone, without the query.
    String target = "path".equals(in) ? path : path + query;
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + RestAssured.port + target))
            .header("Authorization", "Bearer " + EmbeddedInfrastructure.API_KEY)
            .timeout(Duration.ofSeconds(60))
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private static String encoded(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static String message(String body) {
    try {
      return JSON.readTree(body).path("message").asText("");
    } catch (Exception e) {
      return "";
    }
  }

  private static String shown(String s) {
    String t = s.replace("\n", "\\n").replace("\t", "\\t").replace("\u0000", "\\0");
    return t.length() <= 80 ? t : t.substring(0, 80) + "…(" + s.length() + ")";
  }
}
