package dev.boxscore.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.langchain4j.model.output.FinishReason;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** LangChain4j's OpenAI chat models (JDK HTTP client underneath) against the simulator. */
class LangChain4jTest {
  static ProviderSimulator sim;

  @BeforeAll
  static void start() {
    sim = ProviderSimulator.builder().start();
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  private static OpenAiChatModel chatModel() {
    return OpenAiChatModel.builder()
        .baseUrl(sim.openAiBaseUrl())
        .apiKey("test-key")
        .modelName("gpt-4o-mini")
        .maxRetries(0)
        .build();
  }

  private static ChatResponse stream(ChatRequest request, List<String> partials) throws Exception {
    OpenAiStreamingChatModel model =
        OpenAiStreamingChatModel.builder()
            .baseUrl(sim.openAiBaseUrl())
            .apiKey("test-key")
            .modelName("gpt-4o-mini")
            .build();
    CompletableFuture<ChatResponse> done = new CompletableFuture<>();
    model.chat(
        request,
        new StreamingChatResponseHandler() {
          @Override
          public void onPartialResponse(String partialResponse) {
            partials.add(partialResponse);
          }

          @Override
          public void onCompleteResponse(ChatResponse completeResponse) {
            done.complete(completeResponse);
          }

          @Override
          public void onError(Throwable error) {
            done.completeExceptionally(error);
          }
        });
    return done.get(10, TimeUnit.SECONDS);
  }

  private static ToolSpecification weatherTool() {
    return ToolSpecification.builder()
        .name("get_weather")
        .description("Current weather for a city")
        .parameters(JsonObjectSchema.builder().addStringProperty("city").required("city").build())
        .build();
  }

  @Test
  void chatModelGetsTextUsageAndResponseModel() {
    ChatResponse response =
        chatModel()
            .chat(ChatRequest.builder().messages(UserMessage.from("Where is my order?")).build());

    assertThat(response.aiMessage().text().split(" ")).hasSize(24);
    assertThat(response.metadata().modelName()).isEqualTo("gpt-4o-mini-2024-07-18");
    assertThat(response.tokenUsage().inputTokenCount()).isEqualTo(11);
    assertThat(response.tokenUsage().outputTokenCount()).isEqualTo(24);
    assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
  }

  @Test
  void streamingChatModelGetsEveryChunkAndTheUsage() throws Exception {
    List<String> partials = new CopyOnWriteArrayList<>();
    ChatResponse response =
        stream(
            ChatRequest.builder().messages(UserMessage.from("Where is my order?")).build(),
            partials);

    assertThat(partials).hasSize(24);
    assertThat(String.join("", partials)).isEqualTo(response.aiMessage().text());
    assertThat(response.aiMessage().text())
        .isEqualTo(
            chatModel()
                .chat(
                    ChatRequest.builder().messages(UserMessage.from("Where is my order?")).build())
                .aiMessage()
                .text());
    assertThat(response.tokenUsage().outputTokenCount()).isEqualTo(24);
    assertThat(response.metadata().modelName()).isEqualTo("gpt-4o-mini-2024-07-18");
  }

  @Test
  void chatModelGetsAToolExecutionRequest() {
    ChatResponse response =
        chatModel()
            .chat(
                ChatRequest.builder()
                    .messages(UserMessage.from("Please call get_weather for Lisbon"))
                    .toolSpecifications(weatherTool())
                    .build());

    ToolExecutionRequest request = response.aiMessage().toolExecutionRequests().get(0);
    assertThat(request.name()).isEqualTo("get_weather");
    assertThat(request.arguments()).isEqualTo("{\"city\":\"Lisbon\"}");
    assertThat(response.finishReason()).isEqualTo(FinishReason.TOOL_EXECUTION);
  }

  @Test
  void streamingChatModelGetsAToolExecutionRequest() throws Exception {
    ChatResponse response =
        stream(
            ChatRequest.builder()
                .messages(UserMessage.from("Please call get_weather for Lisbon"))
                .toolSpecifications(weatherTool())
                .build(),
            new CopyOnWriteArrayList<>());

    ToolExecutionRequest request = response.aiMessage().toolExecutionRequests().get(0);
    assertThat(request.name()).isEqualTo("get_weather");
    assertThat(request.arguments()).isEqualTo("{\"city\":\"Lisbon\"}");
  }
}
