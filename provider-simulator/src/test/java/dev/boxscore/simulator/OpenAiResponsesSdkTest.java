package dev.boxscore.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.helpers.ResponseAccumulator;
import com.openai.models.responses.FunctionTool;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseFunctionToolCall;
import com.openai.models.responses.ResponseStatus;
import com.openai.models.responses.ResponseStreamEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real openai-java SDK, with response validation on, against the simulator's Responses API. */
class OpenAiResponsesSdkTest {
  static ProviderSimulator sim;
  static OpenAIClient client;

  @BeforeAll
  static void start() {
    sim = ProviderSimulator.builder().start();
    client =
        OpenAIOkHttpClient.builder()
            .baseUrl(sim.openAiBaseUrl())
            .apiKey("test-key")
            .maxRetries(0)
            .responseValidation(true)
            .build();
  }

  @AfterAll
  static void stop() {
    client.close();
    sim.close();
  }

  private static String text(Response response) {
    return response.output().stream()
        .flatMap(item -> item.message().stream())
        .flatMap(message -> message.content().stream())
        .flatMap(content -> content.outputText().stream())
        .map(t -> t.text())
        .findFirst()
        .orElseThrow();
  }

  @Test
  void responseCarriesTextModelAndUsage() {
    Response response =
        client
            .responses()
            .create(
                ResponseCreateParams.builder()
                    .model("gpt-4o-mini")
                    .instructions("You are a support agent.")
                    .input("Where is my order?")
                    .build());

    assertThat(response.id()).startsWith("resp_");
    // A known snapshot name parses as the ChatModel variant of the SDK's model union.
    assertThat(response.model().chat().orElseThrow().asString())
        .isEqualTo("gpt-4o-mini-2024-07-18");
    assertThat(response.status()).contains(ResponseStatus.COMPLETED);
    assertThat(text(response).split(" ")).hasSize(24);
    var usage = response.usage().orElseThrow();
    // 3 + (3 + 6 instruction tokens) + (3 + 5 input tokens)
    assertThat(usage.inputTokens()).isEqualTo(20);
    assertThat(usage.outputTokens()).isEqualTo(24);
    assertThat(usage.totalTokens()).isEqualTo(44);
    assertThat(usage.inputTokensDetails().cachedTokens()).isZero();
    assertThat(usage.outputTokensDetails().reasoningTokens()).isZero();
  }

  @Test
  void reasoningModelGetsAReasoningItemAndReasoningTokens() {
    Response response =
        client
            .responses()
            .create(
                ResponseCreateParams.builder().model("o4-mini").input("Plan my refund").build());

    assertThat(response.output().get(0).isReasoning()).isTrue();
    assertThat(response.usage().orElseThrow().outputTokensDetails().reasoningTokens())
        .isEqualTo(48);
    assertThat(response.usage().orElseThrow().outputTokens()).isEqualTo(72);
  }

  @Test
  void maxOutputTokensMakesTheResponseIncomplete() {
    Response response =
        client
            .responses()
            .create(
                ResponseCreateParams.builder()
                    .model("gpt-4o")
                    .input("Tell me everything")
                    .maxOutputTokens(16)
                    .build());

    assertThat(response.status()).contains(ResponseStatus.INCOMPLETE);
    assertThat(response.incompleteDetails().orElseThrow().reason())
        .contains(Response.IncompleteDetails.Reason.MAX_OUTPUT_TOKENS);
    assertThat(text(response).split(" ")).hasSize(16);
  }

  @Test
  void streamingEmitsTypedEventsThatAccumulateToTheSameResponse() {
    ResponseCreateParams params =
        ResponseCreateParams.builder().model("gpt-4o-mini").input("Where is my order?").build();
    ResponseAccumulator accumulator = ResponseAccumulator.create();
    List<ResponseStreamEvent> events = new ArrayList<>();
    try (StreamResponse<ResponseStreamEvent> stream = client.responses().createStreaming(params)) {
      stream.stream()
          .forEach(
              event -> {
                events.add(event);
                accumulator.accumulate(event);
              });
    }

    assertThat(events.get(0).isCreated()).isTrue();
    assertThat(events.stream().filter(ResponseStreamEvent::isOutputTextDelta).count())
        .isEqualTo(24);
    ResponseStreamEvent last = events.get(events.size() - 1);
    assertThat(last.isCompleted()).isTrue();
    assertThat(last.asCompleted().response().usage().orElseThrow().outputTokens()).isEqualTo(24);
    assertThat(last.asCompleted().sequenceNumber()).isEqualTo(events.size() - 1);
    assertThat(text(accumulator.response())).isEqualTo(text(client.responses().create(params)));
  }

  private static FunctionTool lookupOrder() {
    return FunctionTool.builder()
        .name("lookup_order")
        .strict(false)
        .parameters(
            FunctionTool.Parameters.builder()
                .putAdditionalProperty("type", JsonValue.from("object"))
                .putAdditionalProperty(
                    "properties", JsonValue.from(Map.of("order_id", Map.of("type", "string"))))
                .build())
        .build();
  }

  @Test
  void toolCallComesBackAsAFunctionCallItem() {
    Response response =
        client
            .responses()
            .create(
                ResponseCreateParams.builder()
                    .model("gpt-4o-mini")
                    .input("Use lookup_order for order A-1234")
                    .addTool(lookupOrder())
                    .build());

    ResponseFunctionToolCall call = response.output().get(0).asFunctionCall();
    assertThat(call.name()).isEqualTo("lookup_order");
    assertThat(call.arguments()).isEqualTo("{\"order_id\":\"A-1234\"}");
    assertThat(call.callId()).startsWith("call_");
  }

  @Test
  void streamedToolCallHasArgumentEventsAndAccumulates() {
    ResponseAccumulator accumulator = ResponseAccumulator.create();
    List<ResponseStreamEvent> events = new ArrayList<>();
    try (StreamResponse<ResponseStreamEvent> stream =
        client
            .responses()
            .createStreaming(
                ResponseCreateParams.builder()
                    .model("gpt-4o-mini")
                    .input("Use lookup_order for order A-1234")
                    .addTool(lookupOrder())
                    .build())) {
      stream.stream()
          .forEach(
              event -> {
                events.add(event);
                accumulator.accumulate(event);
              });
    }

    assertThat(events).anyMatch(ResponseStreamEvent::isFunctionCallArgumentsDelta);
    assertThat(accumulator.response().output().get(0).asFunctionCall().arguments())
        .isEqualTo("{\"order_id\":\"A-1234\"}");
  }
}
