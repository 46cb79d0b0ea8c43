package dev.boxscore.server;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.boxscore.collector.CollectorRole;
import dev.boxscore.model.TokenUsage;
import dev.boxscore.model.pricing.PriceCatalog;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * One LLM span per attribute dialect, sent as OTLP/JSON the way Python and TypeScript
 * instrumentations send them, read back with the same normalized LLM fields.
 */
@QuarkusTest
class DialectsTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  @Inject CollectorRole collector;

  @Test
  void openInference() throws Exception {
    JsonPath span =
        sendAndRead(
            "ChatCompletion",
            """
            {"key":"openinference.span.kind","value":{"stringValue":"LLM"}},
            {"key":"llm.model_name","value":{"stringValue":"gpt-4o-mini-2024-07-18"}},
            {"key":"llm.provider","value":{"stringValue":"openai"}},
            {"key":"llm.token_count.prompt","value":{"intValue":"1200"}},
            {"key":"llm.token_count.completion","value":{"intValue":"300"}},
            {"key":"llm.token_count.total","value":{"intValue":"1500"}},
            {"key":"llm.input_messages.0.message.role","value":{"stringValue":"system"}},
            {"key":"llm.input_messages.0.message.content","value":{"stringValue":"You are terse."}},
            {"key":"llm.input_messages.1.message.role","value":{"stringValue":"user"}},
            {"key":"llm.input_messages.1.message.content","value":{"stringValue":"Where is my order?"}},
            {"key":"llm.output_messages.0.message.role","value":{"stringValue":"assistant"}},
            {"key":"llm.output_messages.0.message.content","value":{"stringValue":"Shipped yesterday."}}
            """);
    assertThat(span.getString("llm.provider")).isEqualTo("openai");
    assertThat(span.getString("llm.responseModel")).isEqualTo("gpt-4o-mini-2024-07-18");
    assertThat(span.getInt("llm.inputTokens")).isEqualTo(1200);
    assertThat(span.getInt("llm.outputTokens")).isEqualTo(300);
    assertThat(ListPrices.decimal(PipelineTest.traceJson(lastTraceId), "spans[0].llm.costUsd"))
        .isEqualByComparingTo(
            ListPrices.cost(
                ListPrices.of("openai", "gpt-4o-mini-2024-07-18", Instant.now()), 1200, 300));
    assertThat(span.getString("llm.input[1].parts[0].content")).isEqualTo("Where is my order?");
    assertThat(span.getString("llm.output[0].parts[0].content")).isEqualTo("Shipped yesterday.");
    assertThat(span.getString("attributes.'openinference.span.kind'")).isEqualTo("LLM");
  }

  @Test
  void openLlmetryWithLegacyIndexedPrompts() throws Exception {
    JsonPath span =
        sendAndRead(
            "anthropic.chat",
            """
            {"key":"traceloop.span.kind","value":{"stringValue":"task"}},
            {"key":"llm.request.type","value":{"stringValue":"chat"}},
            {"key":"gen_ai.system","value":{"stringValue":"Anthropic"}},
            {"key":"gen_ai.request.model","value":{"stringValue":"claude-sonnet-4-5"}},
            {"key":"gen_ai.response.model","value":{"stringValue":"claude-sonnet-4-5-20250929"}},
            {"key":"gen_ai.usage.prompt_tokens","value":{"intValue":"2000"}},
            {"key":"gen_ai.usage.completion_tokens","value":{"intValue":"400"}},
            {"key":"llm.usage.total_tokens","value":{"intValue":"2400"}},
            {"key":"gen_ai.prompt.0.role","value":{"stringValue":"user"}},
            {"key":"gen_ai.prompt.0.content","value":{"stringValue":"Summarize the ticket."}},
            {"key":"gen_ai.completion.0.role","value":{"stringValue":"assistant"}},
            {"key":"gen_ai.completion.0.content","value":{"stringValue":"Customer wants a refund."}},
            {"key":"gen_ai.completion.0.finish_reason","value":{"stringValue":"end_turn"}}
            """);
    assertThat(span.getString("llm.provider")).isEqualTo("anthropic");
    assertThat(span.getString("llm.requestModel")).isEqualTo("claude-sonnet-4-5");
    assertThat(span.getInt("llm.inputTokens")).isEqualTo(2000);
    assertThat(span.getInt("llm.outputTokens")).isEqualTo(400);
    // Priced by the response model at its list price in the built-in catalog.
    assertThat(ListPrices.decimal(PipelineTest.traceJson(lastTraceId), "spans[0].llm.costUsd"))
        .isEqualByComparingTo(
            ListPrices.cost(
                ListPrices.of("anthropic", "claude-sonnet-4-5-20250929", Instant.now()),
                2000,
                400));
    assertThat(span.getList("llm.finishReasons")).containsExactly("end_turn");
    assertThat(span.getString("llm.input[0].parts[0].content")).isEqualTo("Summarize the ticket.");
    assertThat(span.getString("llm.output[0].parts[0].content"))
        .isEqualTo("Customer wants a refund.");
  }

  @Test
  void genAiLatestConventions() throws Exception {
    JsonPath span =
        sendAndRead(
            "chat gpt-4o",
            """
            {"key":"gen_ai.operation.name","value":{"stringValue":"chat"}},
            {"key":"gen_ai.provider.name","value":{"stringValue":"openai"}},
            {"key":"gen_ai.request.model","value":{"stringValue":"gpt-4o"}},
            {"key":"gen_ai.usage.input_tokens","value":{"intValue":"10000"}},
            {"key":"gen_ai.usage.cache_read.input_tokens","value":{"intValue":"4000"}},
            {"key":"gen_ai.usage.output_tokens","value":{"intValue":"1000"}},
            {"key":"gen_ai.response.time_to_first_chunk","value":{"doubleValue":0.25}},
            {"key":"gen_ai.response.finish_reasons","value":{"arrayValue":{"values":[{"stringValue":"stop"}]}}},
            {"key":"gen_ai.input.messages","value":{"stringValue":"[{\\"role\\":\\"user\\",\\"parts\\":[{\\"type\\":\\"text\\",\\"content\\":\\"Hi\\"}]}]"}},
            {"key":"gen_ai.output.messages","value":{"stringValue":"[{\\"role\\":\\"assistant\\",\\"parts\\":[{\\"type\\":\\"text\\",\\"content\\":\\"Hello!\\"}],\\"finish_reason\\":\\"stop\\"}]"}}
            """);
    assertThat(span.getInt("llm.inputTokens")).isEqualTo(10000);
    assertThat(span.getInt("llm.cacheReadTokens")).isEqualTo(4000);
    assertThat(span.getDouble("llm.timeToFirstTokenMs")).isEqualTo(250.0);
    // 6000 uncached and 4000 cached input tokens, 1000 output, at gpt-4o's list price in the
    // built-in catalog.
    assertThat(ListPrices.decimal(PipelineTest.traceJson(lastTraceId), "spans[0].llm.costUsd"))
        .isEqualByComparingTo(
            ListPrices.cost(ListPrices.of("openai", "gpt-4o", Instant.now()), 6000, 4000, 1000));
    assertThat(span.getString("llm.input[0].parts[0].content")).isEqualTo("Hi");
    assertThat(span.getString("llm.output[0].parts[0].content")).isEqualTo("Hello!");
  }

  @Test
  void tokensAreEstimatedAndFlaggedWhenTheProviderReportedNoUsage() throws Exception {
    JsonPath span =
        sendAndRead(
            "chat gpt-4o-mini",
            """
            {"key":"gen_ai.operation.name","value":{"stringValue":"chat"}},
            {"key":"gen_ai.provider.name","value":{"stringValue":"openai"}},
            {"key":"gen_ai.request.model","value":{"stringValue":"gpt-4o-mini"}},
            {"key":"gen_ai.input.messages","value":{"stringValue":"[{\\"role\\":\\"user\\",\\"parts\\":[{\\"type\\":\\"text\\",\\"content\\":\\"Where is my order 1234? It was due on Monday.\\"}]}]"}},
            {"key":"gen_ai.output.messages","value":{"stringValue":"[{\\"role\\":\\"assistant\\",\\"parts\\":[{\\"type\\":\\"text\\",\\"content\\":\\"It ships today.\\"}]}]"}}
            """);
    assertThat(span.getBoolean("llm.usageReported")).isFalse();
    assertThat(span.getBoolean("llm.tokensEstimated")).isTrue();
    assertThat(span.getInt("llm.inputTokens")).isPositive();
    assertThat(span.getInt("llm.outputTokens")).isPositive();
    // Priced from the estimate and flagged, as analytics price it: the call has one cost in every
    // view.
    double expected =
        PriceCatalog.builtIn()
            .find("openai", "gpt-4o-mini", Instant.now())
            .orElseThrow()
            .cost(
                new TokenUsage(
                    span.getLong("llm.inputTokens"),
                    span.getLong("llm.outputTokens"),
                    0,
                    0,
                    0,
                    true))
            .doubleValue();
    assertThat(span.getDouble("llm.costUsd")).isCloseTo(expected, within(1e-12));
    JsonPath list =
        new JsonPath(
            given()
                .auth()
                .oauth2(EmbeddedInfrastructure.API_KEY)
                .queryParam("model", "gpt-4o-mini")
                .queryParam("from", Instant.now().minusSeconds(120).toString())
                .get("/api/v1/traces")
                .then()
                .statusCode(200)
                .extract()
                .asString());
    List<Map<String, Object>> traces = list.getList("traces");
    Map<String, Object> summary =
        traces.stream().filter(t -> lastTraceId.equals(t.get("traceId"))).findFirst().orElseThrow();
    assertThat(summary.get("estimatedCalls")).isEqualTo(1);
    assertThat(((Number) summary.get("costUsd")).doubleValue()).isCloseTo(expected, within(1e-12));
  }

  private String lastTraceId;

  private JsonPath sendAndRead(String name, String attributes) throws Exception {
    byte[] id = new byte[16];
    new SecureRandom().nextBytes(id);
    id[0] |= 1;
    String traceId = HexFormat.of().formatHex(id);
    lastTraceId = traceId;
    long start = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis());
    String body =
        """
        {"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"py-agent"}}]},
         "scopeSpans":[{"scope":{"name":"dialect-test"},"spans":[{"traceId":"%s","spanId":"00f067aa0ba902b7",
         "name":"%s","kind":3,"startTimeUnixNano":"%d","endTimeUnixNano":"%d","attributes":[%s]}]}]}]}
        """
            .formatted(traceId, name, start, start + 900_000_000L, attributes);
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + collector.httpPort() + "/v1/traces"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + EmbeddedInfrastructure.API_KEY)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return new JsonPath(PipelineTest.awaitTrace(traceId, 1).prettify()).setRootPath("spans[0]");
  }
}
