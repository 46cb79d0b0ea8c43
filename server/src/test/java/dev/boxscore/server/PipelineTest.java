package dev.boxscore.server;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.boxscore.collector.CollectorRole;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * OTLP from the real OpenTelemetry SDK, over HTTP/protobuf and over gRPC, through the collector, a
 * real Kafka broker, ingest and the real ClickHouse engine, read back through the API.
 */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedInfrastructure.class, restrictToAnnotatedClass = false)
class PipelineTest {
  @Inject CollectorRole collector;

  @Test
  void traceSentOverHttpProtobufComesBackWithTokensCostAndStructure() {
    String service = "checkout-" + UUID.randomUUID();
    String[] traceId = new String[1];
    boolean exported =
        Otlp.export(
            Otlp.httpExporter(collector.httpPort(), EmbeddedInfrastructure.API_KEY),
            service,
            tracer -> traceId[0] = Otlp.chatTrace(tracer, "gpt-4o-mini", 1000, 500));
    assertThat(exported).isTrue();

    JsonPath trace = awaitTrace(traceId[0], 3);
    List<Map<String, Object>> spans = trace.getList("spans");
    Map<String, Object> root = span(spans, "POST /support");
    Map<String, Object> chat = span(spans, "chat gpt-4o-mini");
    Map<String, Object> db = span(spans, "SELECT tickets");
    assertThat(root.get("parentSpanId")).isNull();
    assertThat(chat.get("parentSpanId")).isEqualTo(root.get("spanId"));
    assertThat(db.get("parentSpanId")).isEqualTo(root.get("spanId"));
    assertThat(db.get("status")).isEqualTo("ERROR");
    assertThat(db.get("llm")).isNull();
    assertThat(chat.get("service")).isEqualTo(service);
    assertThat(chat.get("kind")).isEqualTo("CLIENT");

    @SuppressWarnings("unchecked")
    Map<String, Object> llm = (Map<String, Object>) chat.get("llm");
    assertThat(llm)
        .containsEntry("provider", "openai")
        .containsEntry("operation", "chat")
        .containsEntry("requestModel", "gpt-4o-mini")
        .containsEntry("responseModel", "gpt-4o-mini-2024-07-18")
        .containsEntry("inputTokens", 1000)
        .containsEntry("outputTokens", 500)
        .containsEntry("finishReasons", List.of("stop"));
    // Priced by the response model at its list price in the built-in catalog.
    BigDecimal cost =
        ListPrices.cost(
            ListPrices.of("openai", "gpt-4o-mini-2024-07-18", Instant.now()), 1000, 500);
    assertThat(
            ListPrices.decimal(
                traceJson(traceId[0]), "spans.find { it.name == 'chat gpt-4o-mini' }.llm.costUsd"))
        .isEqualByComparingTo(cost);

    String listJson =
        given()
            .auth()
            .oauth2(EmbeddedInfrastructure.API_KEY)
            .queryParam("service", service)
            .get("/api/v1/traces")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    JsonPath list = new JsonPath(listJson);
    assertThat(list.getList("traces")).hasSize(1);
    assertThat(list.getString("traces[0].traceId")).isEqualTo(traceId[0]);
    assertThat(list.getString("traces[0].rootName")).isEqualTo("POST /support");
    assertThat(list.getString("traces[0].service")).isEqualTo(service);
    assertThat(list.getInt("traces[0].spanCount")).isEqualTo(3);
    assertThat(list.getInt("traces[0].llmCalls")).isEqualTo(1);
    assertThat(list.getInt("traces[0].inputTokens")).isEqualTo(1000);
    assertThat(list.getInt("traces[0].outputTokens")).isEqualTo(500);
    assertThat(ListPrices.decimal(listJson, "traces[0].costUsd")).isEqualByComparingTo(cost);
    assertThat(list.getList("traces[0].models")).containsExactly("gpt-4o-mini-2024-07-18");
    assertThat(list.getBoolean("traces[0].hasError")).isTrue();
  }

  @Test
  void traceSentOverGrpcComesBack() {
    String service = "grpc-" + UUID.randomUUID();
    String[] traceId = new String[1];
    SpanExporter exporter = Otlp.grpcExporter(collector.grpcPort(), EmbeddedInfrastructure.API_KEY);
    assertThat(
            Otlp.export(
                exporter,
                service,
                tracer -> traceId[0] = Otlp.chatTrace(tracer, "gpt-4o", 2000, 100)))
        .isTrue();

    JsonPath trace = awaitTrace(traceId[0], 3);
    // Priced by the response model (Otlp.chatTrace dates it) at its list price in the built-in
    // catalog.
    assertThat(
            ListPrices.decimal(
                traceJson(traceId[0]), "spans.find { it.name == 'chat gpt-4o' }.llm.costUsd"))
        .isEqualByComparingTo(
            ListPrices.cost(
                ListPrices.of("openai", "gpt-4o-2024-07-18", Instant.now()), 2000, 100));
    assertThat(trace.getInt("spans.find { it.name == 'chat gpt-4o' }.llm.inputTokens"))
        .isEqualTo(2000);
  }

  @Test
  void filtersAndCursorPageThroughTracesNewestFirst() {
    String service = "paging-" + UUID.randomUUID();
    String[] ids = new String[5];
    for (int i = 0; i < ids.length; i++) {
      int n = i;
      assertThat(
              Otlp.export(
                  Otlp.httpExporter(collector.httpPort(), EmbeddedInfrastructure.API_KEY),
                  service,
                  tracer -> ids[n] = Otlp.chatTrace(tracer, "gpt-4o-mini", 10, 10)))
          .isTrue();
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(traceIds(service, 100, null)).hasSize(5));

    JsonPath first = page(service, 2, null);
    JsonPath second = page(service, 2, first.getString("nextCursor"));
    JsonPath third = page(service, 2, second.getString("nextCursor"));
    assertThat(third.getString("nextCursor")).isNull();
    List<String> seen = new java.util.ArrayList<>();
    seen.addAll(first.getList("traces.traceId"));
    seen.addAll(second.getList("traces.traceId"));
    seen.addAll(third.getList("traces.traceId"));
    assertThat(seen).containsExactlyInAnyOrder(ids).doesNotHaveDuplicates();
    assertThat(seen.get(0)).isEqualTo(ids[4]);

    assertThat(
            given()
                .auth()
                .oauth2(EmbeddedInfrastructure.API_KEY)
                .queryParam("service", service)
                .queryParam("model", "claude-sonnet-4-5")
                .get("/api/v1/traces")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("traces"))
        .isEmpty();
    assertThat(
            given()
                .auth()
                .oauth2(EmbeddedInfrastructure.API_KEY)
                .queryParam("service", service)
                .queryParam("model", "gpt-4o-mini")
                .get("/api/v1/traces")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("traces"))
        .hasSize(5);
  }

  static JsonPath page(String service, int limit, String cursor) {
    var request =
        given()
            .auth()
            .oauth2(EmbeddedInfrastructure.API_KEY)
            .queryParam("service", service)
            .queryParam("limit", limit);
    if (cursor != null) {
      request = request.queryParam("cursor", cursor);
    }
    return request.get("/api/v1/traces").then().statusCode(200).extract().jsonPath();
  }

  static List<String> traceIds(String service, int limit, String cursor) {
    return page(service, limit, cursor).getList("traces.traceId");
  }

  /** The trace's JSON as the API answers it. */
  static String traceJson(String traceId) {
    return given()
        .auth()
        .oauth2(EmbeddedInfrastructure.API_KEY)
        .get("/api/v1/traces/" + traceId)
        .then()
        .statusCode(200)
        .extract()
        .asString();
  }

  static JsonPath awaitTrace(String traceId, int spans) {
    JsonPath[] found = new JsonPath[1];
    // No first poll delay: callers wait for several traces in a row, most of them stored already.
    await()
        .atMost(Duration.ofSeconds(30))
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(
            () -> {
              var response =
                  given()
                      .auth()
                      .oauth2(EmbeddedInfrastructure.API_KEY)
                      .get("/api/v1/traces/" + traceId);
              assertThat(response.statusCode()).isEqualTo(200);
              found[0] = response.jsonPath();
              assertThat(found[0].getList("spans")).hasSize(spans);
            });
    return found[0];
  }

  static Map<String, Object> span(List<Map<String, Object>> spans, String name) {
    return spans.stream().filter(s -> name.equals(s.get("name"))).findFirst().orElseThrow();
  }
}
