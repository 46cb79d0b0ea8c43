package dev.boxscore.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Malformed, unauthenticated, oversized and misrouted requests get the provider's error format. */
class BadRequestTest {
  static ProviderSimulator sim;

  @BeforeAll
  static void start() {
    sim = ProviderSimulator.builder().maxBodyBytes(2048).start();
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  private static HttpResponse<String> openAi(String path, String body) {
    return RawHttp.post(sim, path, body, "Authorization", "Bearer k");
  }

  private static HttpResponse<String> anthropic(String body) {
    return RawHttp.post(
        sim, "/v1/messages", body, "x-api-key", "k", "anthropic-version", "2023-06-01");
  }

  @Test
  void invalidJsonIs400InOpenAiFormat() {
    HttpResponse<String> response = openAi("/v1/chat/completions", "{\"model\": ");

    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode error = RawHttp.json(response).get("error");
    assertThat(error.get("type").asText()).isEqualTo("invalid_request_error");
    assertThat(error.get("message").asText()).contains("parse the JSON body");
  }

  @Test
  void missingOrMistypedFieldsAreNamed() {
    assertThat(
            RawHttp.json(
                    openAi(
                        "/v1/chat/completions",
                        "{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}"))
                .at("/error/param")
                .asText())
        .isEqualTo("model");
    assertThat(
            RawHttp.json(openAi("/v1/chat/completions", "{\"model\":\"gpt-4o\"}"))
                .at("/error/param")
                .asText())
        .isEqualTo("messages");
    assertThat(
            RawHttp.json(
                    openAi(
                        "/v1/chat/completions",
                        "{\"model\":\"gpt-4o\",\"messages\":[{\"content\":\"x\"}]}"))
                .at("/error/param")
                .asText())
        .isEqualTo("messages[0].role");
    assertThat(
            RawHttp.json(
                    openAi(
                        "/v1/chat/completions",
                        "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"max_tokens\":-1}"))
                .at("/error/param")
                .asText())
        .isEqualTo("max_tokens");
    assertThat(
            RawHttp.json(openAi("/v1/responses", "{\"model\":\"gpt-4o\"}"))
                .at("/error/param")
                .asText())
        .isEqualTo("input");
    assertThat(
            RawHttp.json(openAi("/v1/embeddings", "{\"model\":\"text-embedding-3-small\"}"))
                .at("/error/param")
                .asText())
        .isEqualTo("input");
  }

  @Test
  void anthropicBadRequestsUseAnthropicFormatNamingTheField() {
    HttpResponse<String> response =
        anthropic(
            "{\"model\":\"claude-haiku-4-5\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");

    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode body = RawHttp.json(response);
    assertThat(body.get("type").asText()).isEqualTo("error");
    assertThat(body.at("/error/type").asText()).isEqualTo("invalid_request_error");
    assertThat(body.at("/error/message").asText()).startsWith("max_tokens");
    assertThat(
            RawHttp.json(anthropic("{\"max_tokens\":5,\"messages\":[]}"))
                .at("/error/message")
                .asText())
        .contains("model");
    assertThat(RawHttp.json(anthropic("not json")).at("/error/type").asText())
        .isEqualTo("invalid_request_error");
  }

  @Test
  void missingCredentialsAre401() {
    HttpResponse<String> openAi = RawHttp.post(sim, "/v1/chat/completions", "{}");
    HttpResponse<String> anthropic = RawHttp.post(sim, "/v1/messages", "{}", "x-api-key", " ");

    assertThat(openAi.statusCode()).isEqualTo(401);
    assertThat(RawHttp.json(openAi).at("/error/code").asText()).isEqualTo("invalid_api_key");
    assertThat(anthropic.statusCode()).isEqualTo(401);
    assertThat(RawHttp.json(anthropic).at("/error/type").asText())
        .isEqualTo("authentication_error");
  }

  @Test
  void oversizedBodiesAre413AndTheServerKeepsServing() {
    String big =
        "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\""
            + "x".repeat(4096)
            + "\"}]}";

    assertThat(openAi("/v1/chat/completions", big).statusCode()).isEqualTo(413);
    assertThat(
            openAi(
                    "/v1/chat/completions",
                    "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}")
                .statusCode())
        .isEqualTo(200);
  }

  @Test
  void unknownPathsAre404AndWrongMethodsAre405() {
    assertThat(openAi("/v1/completions", "{}").statusCode()).isEqualTo(404);
    assertThat(RawHttp.get(sim, "/v1/chat/completions", "Authorization", "Bearer k").statusCode())
        .isEqualTo(405);
  }

  @Test
  void malformedScenarioHeaderIsRejectedNamingTheHeader() {
    HttpResponse<String> response =
        RawHttp.post(
            sim,
            "/v1/chat/completions",
            "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}",
            "Authorization",
            "Bearer k",
            "x-sim-scenario",
            "error=418");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(RawHttp.json(response).at("/error/param").asText()).isEqualTo("x-sim-scenario");
  }

  @Test
  void everyAnsweredRequestIsRecordedWithItsStatus() {
    sim.clearRecordedRequests();
    openAi(
        "/v1/chat/completions",
        "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
    openAi("/v1/chat/completions", "{");

    assertThat(sim.recordedRequests())
        .extracting(RecordedRequest::status)
        .containsExactly(200, 400);
    assertThat(sim.recordedRequests().get(0).responseModel()).isEqualTo("gpt-4o-2024-08-06");
    assertThat(sim.requestCount("/v1/chat/completions")).isEqualTo(2);
  }
}
