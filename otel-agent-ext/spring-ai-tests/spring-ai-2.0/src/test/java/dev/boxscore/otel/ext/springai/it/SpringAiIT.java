package dev.boxscore.otel.ext.springai.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import dev.boxscore.otel.ext.it.OtlpReceiver.ReceivedSpan;
import dev.boxscore.otel.ext.it.Traces;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;

/** Spring AI 2.0.x on Spring Boot 4 (the versions in this module's pom). */
class SpringAiIT extends AbstractSpringAiIT {
  @Override
  protected SpringAiLine line() {
    return new SpringAi20Line();
  }

  @Test
  void anOpenAiClientTheStockAgentTracesKeepsItsSpanAsTheOnlyOne() throws Exception {
    // built by OpenAIOkHttpClient.Builder.build(): the stock agent's openai-java instrumentation
    // wraps it
    OpenAIClient client =
        OpenAIOkHttpClient.builder()
            .baseUrl(sim.openAiBaseUrl())
            .apiKey("test-key")
            .maxRetries(0)
            .build();
    OpenAiChatModel model =
        OpenAiChatModel.builder()
            .openAiClient(client)
            .options(
                OpenAiChatOptions.builder()
                    .baseUrl(sim.openAiBaseUrl())
                    .apiKey("test-key")
                    .model("gpt-4o-mini")
                    .build())
            .build();

    String call = Traces.inRootSpan(() -> model.call(prompt(SYSTEM, "Where is my order?")));
    // the stream goes through the async client Spring AI built itself: not wrapped, so the
    // extension traces it
    String stream =
        Traces.inRootSpan(
            () ->
                model.stream(prompt(SYSTEM, "Where is my order?"))
                    .collectList()
                    .block(Duration.ofSeconds(10)));

    List<ReceivedSpan> spans = Traces.awaitTrace(call, 3);
    assertThat(Traces.llmSpans(spans))
        .singleElement()
        .satisfies(
            span -> {
              assertThat(span.scope()).isEqualTo("io.opentelemetry.openai-java-1.1");
              assertThat(span.attributes()).containsEntry("gen_ai.usage.output_tokens", 24L);
            });
    assertThat(spans).noneMatch(s -> s.scope().equals(SCOPE));
    assertThat(onlyLlmSpan(stream).attributes()).containsEntry("gen_ai.request.stream", true);
  }
}
