package dev.boxscore.server;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.boxscore.collector.CollectorRole;
import dev.boxscore.model.TokenUsage;
import dev.boxscore.model.pricing.ModelPrice;
import dev.boxscore.model.pricing.PriceCatalog;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One call, one cost: after a project sets its own prices, the trace list, the trace view, metrics
 * and what-if (to a model of the same provider and of another one) all show the cost computed with
 * them, and all change together when a price valid earlier is added. The call goes through the
 * whole pipeline (OTLP, Kafka, ingest, ClickHouse), so a cost kept at ingest with the built-in
 * catalog would show here.
 */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedInfrastructure.class, restrictToAnnotatedClass = false)
class OneCostEverywhereTest {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
  private static final TokenUsage USAGE = new TokenUsage(1000, 100, 0, 0, 0, true);

  @Inject CollectorRole collector;

  private String adminKey;
  private String key;
  private Map<String, String> window;

  @Test
  void aProjectPriceIsTheCostOfTheCallInEveryViewAndAnEarlierPriceChangesThemAll() {
    Projects.Created project = Projects.create("one-cost");
    adminKey = project.adminKey();
    key = Projects.key(adminKey, List.of("ingest", "read"), null)[0];
    String[] traceId = new String[1];
    assertThat(
            Otlp.export(
                Otlp.httpExporter(collector.httpPort(), key),
                "priced-svc",
                tracer ->
                    traceId[0] =
                        Otlp.chatTrace(
                            tracer, "gpt-4o", USAGE.inputTokens(), USAGE.outputTokens())))
        .isTrue();
    JsonNode trace =
        await()
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(200))
            .ignoreExceptions()
            .until(
                () -> read("/api/v1/traces/" + traceId[0], Map.of(), 200, null),
                t -> t != null && t.path("spans").size() == 3);
    Instant start = Instant.parse(llmSpan(trace).path("startTime").asText());
    LocalDate day = start.atZone(ZoneOffset.UTC).toLocalDate();
    window =
        Map.of(
            "from", start.minusSeconds(3600).toString(), "to", start.plusSeconds(3600).toString());

    // No project price yet: the built-in one, everywhere.
    ModelPrice builtIn = PriceCatalog.builtIn().find("openai", "gpt-4o", start).orElseThrow();
    assertCostEverywhere(traceId[0], builtIn.cost(USAGE), "built-in");

    // A project price from the day after the call does not apply to it; the target models' project
    // prices do.
    put(price("openai", "gpt-4o", "1.00", "4.00", day.plusDays(1)));
    ModelPrice sonnet =
        put(price("anthropic", "claude-sonnet-4-5", "1.50", "7.50", day.minusDays(5)));
    ModelPrice mini = put(price("openai", "gpt-4o-mini", "0.10", "0.50", day.minusDays(5)));
    assertCostEverywhere(traceId[0], builtIn.cost(USAGE), "built-in");
    assertWhatIf("claude-sonnet-4-5", builtIn.cost(USAGE), sonnet, "anthropic");
    assertWhatIf("gpt-4o-mini", builtIn.cost(USAGE), mini, "openai");

    // Prices valid from before the call's day: every view changes at once.
    ModelPrice own = put(price("openai", "gpt-4o", "2.00", "6.00", day.minusDays(1)));
    ModelPrice laterSonnet =
        put(price("anthropic", "claude-sonnet-4-5", "2.50", "9.00", day.minusDays(1)));
    assertThat(own.cost(USAGE)).isNotEqualByComparingTo(builtIn.cost(USAGE));
    assertCostEverywhere(traceId[0], own.cost(USAGE), "project");
    assertWhatIf("claude-sonnet-4-5", own.cost(USAGE), laterSonnet, "anthropic");
    assertWhatIf("gpt-4o-mini", own.cost(USAGE), mini, "openai");
  }

  @Test
  void aTargetPricedBySeveralProvidersIsRefusedUntilOneIsNamed() {
    Projects.Created project = Projects.create("two-hosts");
    adminKey = project.adminKey();
    key = Projects.key(adminKey, List.of("ingest", "read"), null)[0];
    LocalDate from = LocalDate.of(2024, 1, 1);
    put(price("groq", "llama-3.3-70b", "0.59", "0.79", from));
    put(price("together", "llama-3.3-70b", "0.88", "0.88", from));
    Map<String, String> q = new HashMap<>(Map.of("model", "llama-3.3-70b"));
    JsonNode refused = read("/api/v1/what-if", q, 400, key);
    assertThat(refused.path("message").asText())
        .startsWith("target_provider:")
        .contains("groq")
        .contains("together");
    q.put("target_provider", "together");
    JsonNode chosen = read("/api/v1/what-if", q, 200, key);
    assertThat(chosen.path("targetProvider").asText()).isEqualTo("together");
    assertThat(chosen.path("targetProviderChosenBy").asText()).isEqualTo("target_provider");
  }

  private void assertCostEverywhere(String traceId, BigDecimal expected, String origin) {
    JsonNode list = read("/api/v1/traces", window, 200, key);
    assertThat(list.path("traces")).hasSize(1);
    assertThat(list.path("traces").get(0).path("costUsd").decimalValue())
        .as("trace list")
        .isEqualByComparingTo(expected);
    JsonNode llm = llmSpan(read("/api/v1/traces/" + traceId, Map.of(), 200, key)).path("llm");
    assertThat(llm.path("costUsd").decimalValue()).as("trace view").isEqualByComparingTo(expected);
    assertThat(llm.path("price").path("origin").asText())
        .as("price origin in the trace view")
        .isEqualTo(origin);
    Map<String, String> q = new HashMap<>(window);
    q.put("bucket", "1d");
    JsonNode rows = read("/api/v1/metrics", q, 200, key).path("rows");
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).path("cost").path("usd").decimalValue())
        .as("metrics")
        .isEqualByComparingTo(expected);
    q.put("fields", "usage");
    assertThat(
            read("/api/v1/metrics", q, 200, key)
                .path("rows")
                .get(0)
                .path("cost")
                .path("usd")
                .decimalValue())
        .as("usage metrics")
        .isEqualByComparingTo(expected);
  }

  private void assertWhatIf(
      String target, BigDecimal actual, ModelPrice targetPrice, String provider) {
    Map<String, String> q = new HashMap<>(window);
    q.put("model", target);
    JsonNode answer = read("/api/v1/what-if", q, 200, key);
    JsonNode total = answer.path("total");
    assertThat(total.path("actualUsd").decimalValue())
        .as("what-if actual")
        .isEqualByComparingTo(actual);
    assertThat(total.path("whatIfUsd").decimalValue())
        .as("what-if as " + target)
        .isEqualByComparingTo(targetPrice.cost(USAGE));
    assertThat(answer.path("targetProvider").asText()).isEqualTo(provider);
    assertThat(answer.path("targetProviderChosenBy").asText()).isEqualTo("project price");
    assertThat(answer.path("targetPrices")).hasSize(1);
    JsonNode used = answer.path("targetPrices").get(0);
    assertThat(used.path("origin").asText()).isEqualTo("project");
    assertThat(used.path("provider").asText()).isEqualTo(provider);
    assertThat(used.path("effectiveFrom").asText())
        .isEqualTo(targetPrice.effectiveFrom().toString());
  }

  private static JsonNode llmSpan(JsonNode trace) {
    for (JsonNode span : trace.path("spans")) {
      if (!span.path("llm").isMissingNode() && !span.path("llm").isNull()) {
        return span;
      }
    }
    throw new AssertionError("no LLM span in " + trace);
  }

  private static ModelPrice price(
      String provider, String model, String input, String output, LocalDate from) {
    return new ModelPrice(
        provider,
        model,
        false,
        new BigDecimal(input),
        new BigDecimal(output),
        null,
        null,
        null,
        from,
        "test");
  }

  private ModelPrice put(ModelPrice p) {
    Map<String, Object> body = new HashMap<>();
    body.put("provider", p.provider());
    body.put("model", p.modelPattern());
    body.put("anyProvider", p.anyProvider());
    body.put("input", p.inputPerMillion());
    body.put("output", p.outputPerMillion());
    body.put("effectiveFrom", p.effectiveFrom().toString());
    body.put("source", p.source());
    given()
        .auth()
        .oauth2(adminKey)
        .contentType(ContentType.JSON)
        .body(body)
        .put("/api/v1/prices")
        .then()
        .statusCode(200);
    return p;
  }

  private JsonNode read(String path, Map<String, String> params, int status, String with) {
    String body =
        given()
            .auth()
            .oauth2(with == null ? key : with)
            .queryParams(params)
            .get(path)
            .then()
            .statusCode(status)
            .extract()
            .asString();
    try {
      return JSON.readTree(body);
    } catch (Exception e) {
      throw new AssertionError(body, e);
    }
  }
}
