package dev.boxscore.demo;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import io.opentelemetry.instrumentation.annotations.SpanAttribute;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A customer-support assistant: each ticket is one {@code support-request} span (made by the agent
 * from {@link WithSpan}) holding one to three LLM calls through the real SDKs. Every choice comes
 * from a seeded random generator, so two runs with the same seed make the same calls.
 */
final class SupportAssistant implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(SupportAssistant.class.getName());
  private static final String SCENARIO_HEADER = "x-sim-scenario";
  private static final List<String> OPENAI_MODELS = List.of("gpt-4o-mini", "gpt-4o-mini", "gpt-4o");
  private static final List<String> ANTHROPIC_MODELS =
      List.of("claude-haiku-4-5", "claude-sonnet-4-5");

  private final OpenAIClient openAi;
  private final AnthropicClient anthropic;
  private final OpenAiChatModel langChain;
  private final OpenAiChatModel failingLangChain;
  private final OpenAiStreamingChatModel streamingLangChain;
  private final SplittableRandom random;
  private final int errorPercent;
  private final DemoStats stats;

  SupportAssistant(DemoOptions options, DemoStats stats) {
    String base = options.simulator().toString();
    // One retry, as a careful app would configure; forced errors fail both attempts and surface as
    // exceptions.
    this.openAi =
        OpenAIOkHttpClient.builder().baseUrl(base + "/v1").apiKey("demo-key").maxRetries(1).build();
    this.anthropic =
        AnthropicOkHttpClient.builder().baseUrl(base).apiKey("demo-key").maxRetries(1).build();
    this.langChain = langChainModel(base, Map.of());
    this.failingLangChain = langChainModel(base, Map.of(SCENARIO_HEADER, "error=500"));
    this.streamingLangChain =
        OpenAiStreamingChatModel.builder()
            .baseUrl(base + "/v1")
            .apiKey("demo-key")
            .modelName("gpt-4o-mini")
            .build();
    this.random = new SplittableRandom(options.seed());
    this.errorPercent = options.errorPercent();
    this.stats = stats;
  }

  private static OpenAiChatModel langChainModel(String base, Map<String, String> headers) {
    return OpenAiChatModel.builder()
        .baseUrl(base + "/v1")
        .apiKey("demo-key")
        .modelName("gpt-4o-mini")
        .maxRetries(1)
        .customHeaders(headers)
        .build();
  }

  /** Plans the next ticket (seeded) and answers it. */
  void answerNext(long ticketNumber) {
    String question = Tickets.QUESTIONS.get(random.nextInt(Tickets.QUESTIONS.size()));
    List<LlmCall> calls = new ArrayList<>();
    int count = 1 + random.nextInt(3);
    for (int i = 0; i < count; i++) {
      calls.add(LlmCall.values()[random.nextInt(LlmCall.values().length)]);
    }
    int failing = random.nextInt(100) < errorPercent ? random.nextInt(count) : -1;
    List<String> models = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      models.add(
          calls.get(i) == LlmCall.ANTHROPIC_MESSAGES
              ? ANTHROPIC_MODELS.get(random.nextInt(ANTHROPIC_MODELS.size()))
              : OPENAI_MODELS.get(random.nextInt(OPENAI_MODELS.size())));
    }
    boolean longPolicy = random.nextInt(4) == 0;
    answer(ticketNumber, question, calls, models, failing, longPolicy);
  }

  /** One customer request: the agent turns this method into the parent span of the LLM calls. */
  @WithSpan("support-request")
  void answer(
      @SpanAttribute("support.ticket") long ticketNumber,
      String question,
      List<LlmCall> calls,
      List<String> models,
      int failing,
      boolean longPolicy) {
    stats.request();
    String system = longPolicy ? Tickets.POLICY_SYSTEM_PROMPT : Tickets.SHORT_SYSTEM_PROMPT;
    for (int i = 0; i < calls.size(); i++) {
      LlmCall kind = calls.get(i);
      boolean fail = i == failing;
      try {
        String answer =
            switch (kind) {
              case OPENAI_CHAT -> openAiChat(models.get(i), system, question, fail);
              case OPENAI_CHAT_STREAM -> openAiChatStream(models.get(i), system, question, fail);
              case ANTHROPIC_MESSAGES -> anthropicMessage(models.get(i), system, question, fail);
              case LANGCHAIN4J_CHAT -> langChainChat(system, question, fail);
              case LANGCHAIN4J_STREAM -> langChainStream(system, question);
            };
        stats.call(kind, false);
        LOG.fine(() -> "ticket " + ticketNumber + " " + kind + ": " + answer);
      } catch (RuntimeException e) {
        // A provider error must never stop the service: log it and go on with the next call.
        stats.call(kind, true);
        LOG.log(
            Level.WARNING, "ticket " + ticketNumber + " " + kind + " failed: " + e.getMessage());
      }
    }
  }

  private String openAiChat(String model, String system, String question, boolean fail) {
    ChatCompletionCreateParams.Builder params =
        ChatCompletionCreateParams.builder()
            .model(model)
            .addSystemMessage(system)
            .addUserMessage(question)
            .maxCompletionTokens(200)
            .temperature(0.2);
    if (fail) {
      params.putAdditionalHeader(SCENARIO_HEADER, "error=429");
    }
    ChatCompletion completion = openAi.chat().completions().create(params.build());
    return completion.choices().get(0).message().content().orElse("");
  }

  private String openAiChatStream(String model, String system, String question, boolean fail) {
    ChatCompletionCreateParams.Builder params =
        ChatCompletionCreateParams.builder()
            .model(model)
            .addSystemMessage(system)
            .addUserMessage(question)
            .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build());
    if (fail) {
      params.putAdditionalHeader(SCENARIO_HEADER, "error=500");
    }
    StringBuilder text = new StringBuilder();
    try (StreamResponse<ChatCompletionChunk> stream =
        openAi.chat().completions().createStreaming(params.build())) {
      stream.stream()
          .forEach(
              chunk ->
                  chunk
                      .choices()
                      .forEach(choice -> choice.delta().content().ifPresent(text::append)));
    }
    return text.toString();
  }

  private String anthropicMessage(String model, String system, String question, boolean fail) {
    MessageCreateParams.Builder params =
        MessageCreateParams.builder()
            .model(model)
            .maxTokens(300)
            .system(system)
            .addUserMessage(question);
    if (fail) {
      params.putAdditionalHeader(SCENARIO_HEADER, "error=529");
    }
    Message message = anthropic.messages().create(params.build());
    return message.content().stream()
        .flatMap(block -> block.text().stream())
        .map(t -> t.text())
        .findFirst()
        .orElse("");
  }

  private String langChainChat(String system, String question, boolean fail) {
    ChatResponse response =
        (fail ? failingLangChain : langChain)
            .chat(
                ChatRequest.builder()
                    .messages(SystemMessage.from(system), UserMessage.from(question))
                    .build());
    return response.aiMessage().text();
  }

  private String langChainStream(String system, String question) {
    CompletableFuture<ChatResponse> done = new CompletableFuture<>();
    streamingLangChain.chat(
        ChatRequest.builder()
            .messages(SystemMessage.from(system), UserMessage.from(question))
            .build(),
        new StreamingChatResponseHandler() {
          @Override
          public void onPartialResponse(String partialResponse) {
            // the complete text arrives with onCompleteResponse
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
    try {
      return done.get(30, TimeUnit.SECONDS).aiMessage().text();
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("no streamed answer within 30 s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    openAi.close();
    anthropic.close();
  }
}
