package dev.boxscore.loadgen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The two questions the check asks of Boxscore's query API, and nothing else (no engine access):
 * how many LLM calls a service has, and which spans a trace has.
 */
final class QueryApi {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A non-200 answer or an unreadable body. */
  static final class QueryApiException extends IOException {
    QueryApiException(String message) {
      super(message);
    }
  }

  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();
  private final URI base;
  private final String authorization;

  QueryApi(URI base, String key) {
    String b = base.toString();
    this.base = URI.create(b.endsWith("/") ? b.substring(0, b.length() - 1) : b);
    this.authorization = "Bearer " + key;
  }

  /**
   * LLM calls of {@code service} in [from, to), from the per-minute rollup ({@code fields=usage},
   * the cheap form), in day buckets summed.
   */
  long llmCalls(String service, Instant from, Instant to) throws IOException, InterruptedException {
    Instant start = from.truncatedTo(ChronoUnit.MINUTES);
    Instant end = to.truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
    JsonNode body =
        get(
            "/api/v1/metrics?fields=usage&bucket=1d&service="
                + URLEncoder.encode(service, StandardCharsets.UTF_8)
                + "&from="
                + start
                + "&to="
                + end,
            false);
    long calls = 0;
    for (JsonNode row : body.path("rows")) {
      calls += row.path("calls").asLong();
    }
    return calls;
  }

  /** The span ids the trace holds, in the API's order, duplicates kept; empty when unknown. */
  List<String> spanIds(String traceId) throws IOException, InterruptedException {
    JsonNode body = get("/api/v1/traces/" + traceId, true);
    List<String> ids = new ArrayList<>();
    if (body != null) {
      for (JsonNode span : body.path("spans")) {
        ids.add(span.path("spanId").asText());
      }
    }
    return ids;
  }

  private JsonNode get(String pathAndQuery, boolean notFoundIsEmpty)
      throws IOException, InterruptedException {
    HttpResponse<byte[]> response;
    try {
      response =
          client.send(
              HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                  .timeout(Duration.ofSeconds(30))
                  .header("Authorization", authorization)
                  .header("Accept", "application/json")
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      // A refused connection has no message of its own: say where it was going.
      throw new QueryApiException("cannot reach the query API at " + base + ": " + e);
    }
    if (response.statusCode() == 404 && notFoundIsEmpty) {
      return null;
    }
    if (response.statusCode() != 200) {
      String text = new String(response.body(), StandardCharsets.UTF_8);
      throw new QueryApiException(
          "GET "
              + pathAndQuery.replaceAll("\\?.*", "")
              + " answered "
              + response.statusCode()
              + ": "
              + (text.length() > 300 ? text.substring(0, 300) + "…" : text));
    }
    return JSON.readTree(response.body());
  }
}
