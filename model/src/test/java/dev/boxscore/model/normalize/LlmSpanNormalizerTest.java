package dev.boxscore.model.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.boxscore.model.LlmCall;
import dev.boxscore.model.TokenUsage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LlmSpanNormalizerTest {

  private static final long START = 1_764_000_000_000_000_000L;

  private final LlmSpanNormalizer normalizer = new LlmSpanNormalizer();

  private LlmCall normalize(Map<String, Object> attributes) {
    return normalizer.normalize("chat", attributes, List.of()).orElseThrow();
  }

  @Nested
  class NotModelCalls {

    @Test
    void httpAndDatabaseSpansAreNotLlmCalls() {
      assertThat(
              normalizer.normalize(
                  "POST",
                  Map.of(
                      "http.request.method", "POST",
                      "url.full", "https://api.openai.com/v1/chat/completions",
                      "http.response.status_code", 200L),
                  List.of()))
          .isEmpty();
      assertThat(
              normalizer.normalize(
                  "SELECT orders",
                  Map.of("db.system.name", "postgresql", "db.query.text", "select * from orders"),
                  List.of()))
          .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
        strings = {"CHAIN", "AGENT", "TOOL", "RETRIEVER", "RERANKER", "GUARDRAIL", "EVALUATOR"})
    void openInferenceNonLlmKindsAreNotLlmCalls(String kind) {
      assertThat(
              normalizer.normalize(
                  "LangGraph",
                  Map.of(
                      "openinference.span.kind",
                      kind,
                      "llm.model_name",
                      "gpt-4o",
                      "llm.token_count.prompt",
                      100L),
                  List.of()))
          .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "invoke_agent",
          "execute_tool",
          "create_agent",
          "invoke_workflow",
          "retrieval",
          "plan",
          "search_memory"
        })
    void genAiAgentToolAndWorkflowOperationsAreNotLlmCalls(String operation) {
      // Agent spans name a model and may aggregate usage; they still are not one model call.
      assertThat(
              normalizer.normalize(
                  operation + " support-bot",
                  Map.of(
                      "gen_ai.operation.name",
                      operation,
                      "gen_ai.provider.name",
                      "openai",
                      "gen_ai.request.model",
                      "gpt-4o",
                      "gen_ai.usage.input_tokens",
                      500L),
                  List.of()))
          .isEmpty();
    }

    @Test
    void openLlmetryWorkflowAndTaskSpansAreNotLlmCalls() {
      assertThat(
              normalizer.normalize(
                  "joke_generation.workflow",
                  Map.of(
                      "traceloop.span.kind", "workflow",
                      "traceloop.entity.name", "joke_generation",
                      "traceloop.entity.input", "{\"args\": []}"),
                  List.of()))
          .isEmpty();
    }

    @Test
    void anthropicCountTokensSpanIsNotAGeneration() {
      assertThat(
              normalizer.normalize(
                  "anthropic.messages.count_tokens",
                  Map.of(
                      "gen_ai.provider.name", "anthropic",
                      "gen_ai.request.model", "claude-sonnet-4-5",
                      "anthropic.message.count_tokens.input_tokens", 812L),
                  List.of()))
          .isEmpty();
    }

    @Test
    void emptyAndNullInputAreNotLlmCalls() {
      assertThat(normalizer.normalize(null, null, null)).isEmpty();
      assertThat(normalizer.normalize("", Map.of(), List.of())).isEmpty();
    }
  }

  @Nested
  class Precedence {

    @Test
    void newGenAiNamesWinOverDeprecatedOnes() {
      Map<String, Object> attributes = new LinkedHashMap<>();
      attributes.put("gen_ai.operation.name", "chat");
      attributes.put("gen_ai.system", "az.ai.openai");
      attributes.put("gen_ai.provider.name", "openai");
      attributes.put("gen_ai.request.model", "gpt-4o");
      attributes.put("gen_ai.usage.prompt_tokens", 1L);
      attributes.put("gen_ai.usage.input_tokens", 100L);
      attributes.put("gen_ai.usage.completion_tokens", 2L);
      attributes.put("gen_ai.usage.output_tokens", 200L);
      attributes.put("gen_ai.usage.cache_creation_input_tokens", 1L);
      attributes.put("gen_ai.usage.cache_creation.input_tokens", 30L);
      attributes.put("gen_ai.usage.reasoning_tokens", 1L);
      attributes.put("gen_ai.usage.reasoning.output_tokens", 50L);
      attributes.put("gen_ai.openai.response.system_fingerprint", "fp_old");
      attributes.put("openai.response.system_fingerprint", "fp_new");
      attributes.put("gen_ai.prompt", "old prompt");
      attributes.put("gen_ai.prompt.0.role", "user");
      attributes.put("gen_ai.prompt.0.content", "flattened prompt");
      attributes.put(
          "gen_ai.input.messages",
          "[{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"new\"}]}]");
      attributes.put("gen_ai.completion", "old completion");
      attributes.put(
          "gen_ai.output.messages",
          "[{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":\"ok\"}]}]");

      LlmCall call = normalize(attributes);

      assertThat(call.provider()).isEqualTo("openai");
      assertThat(call.usage()).isEqualTo(TokenUsage.of(100, 200, 0, 30, 50));
      assertThat(call.systemFingerprint()).isEqualTo("fp_new");
      assertThat(call.input())
          .contains("\"content\":\"new\"")
          .doesNotContain("flattened", "old prompt");
      assertThat(call.output()).contains("\"content\":\"ok\"").doesNotContain("old completion");
    }

    @Test
    void genAiProviderWinsOverOpenInferenceAndBoxscorePromptKeysWinOverOthers() {
      Map<String, Object> attributes = new LinkedHashMap<>();
      attributes.put("openinference.span.kind", "LLM");
      attributes.put("llm.provider", "azure");
      attributes.put("llm.system", "openai");
      attributes.put("llm.model_name", "gpt-4o");
      attributes.put("llm.prompt_template.version", "oi-version");
      attributes.put("boxscore.prompt.version", "bx-version");

      LlmCall call = normalize(attributes);

      assertThat(call.provider()).isEqualTo("azure.ai.openai");
      assertThat(call.promptVersion()).isEqualTo("bx-version");
    }

    @Test
    void genAiInputMessagesWinOverOpenInferenceFlattenedMessages() {
      Map<String, Object> attributes = new LinkedHashMap<>();
      attributes.put("gen_ai.operation.name", "chat");
      attributes.put("gen_ai.request.model", "gpt-4o");
      attributes.put("llm.input_messages.0.message.role", "user");
      attributes.put("llm.input_messages.0.message.content", "openinference");
      attributes.put(
          "gen_ai.input.messages",
          "[{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"genai\"}]}]");

      assertThat(normalize(attributes).input()).contains("genai").doesNotContain("openinference");
    }
  }

  @Nested
  class TokenSemantics {

    @Test
    void anthropicStyleInputThatExcludesTheCacheIsMadeInclusive() {
      // 25 < 2048 + 22, so 25 cannot include the cache: it is Anthropic's raw input_tokens.
      LlmCall call =
          normalize(
              Map.of(
                  "gen_ai.operation.name", "chat",
                  "gen_ai.request.model", "claude-3-7-sonnet-20250219",
                  "gen_ai.usage.input_tokens", 25L,
                  "gen_ai.usage.cache_read.input_tokens", 2048L,
                  "gen_ai.usage.cache_creation.input_tokens", 22L,
                  "gen_ai.usage.output_tokens", 10L));

      assertThat(call.usage()).isEqualTo(TokenUsage.of(2095, 10, 2048, 22, 0));
      assertThat(call.usage().uncachedInputTokens()).isEqualTo(25);
    }

    @Test
    void geminiStyleOutputThatExcludesReasoningIsMadeInclusive() {
      LlmCall call =
          normalize(
              Map.of(
                  "openinference.span.kind", "LLM",
                  "llm.model_name", "gemini-2.5-flash",
                  "llm.token_count.prompt", 40L,
                  "llm.token_count.completion", 100L,
                  "llm.token_count.completion_details.reasoning", 300L));

      assertThat(call.usage()).isEqualTo(TokenUsage.of(40, 400, 0, 0, 300));
    }

    @Test
    void numbersAsStringsAndWholeDoublesAreCoerced() {
      LlmCall call =
          normalize(
              Map.of(
                  "gen_ai.operation.name", "chat",
                  "gen_ai.request.model", "gpt-4o",
                  "gen_ai.usage.input_tokens", " 24 ",
                  "gen_ai.usage.output_tokens", 18.0,
                  "gen_ai.usage.cache_read.input_tokens", "8.0",
                  "gen_ai.response.time_to_first_chunk", "0.5",
                  "gen_ai.request.stream", "TRUE"));

      assertThat(call.usage()).isEqualTo(TokenUsage.of(24, 18, 8, 0, 0));
      assertThat(call.timeToFirstTokenMs()).isEqualTo(500.0);
      assertThat(call.streaming()).isTrue();
    }

    @Test
    void noUsageKeysMeansUsageNotReported() {
      LlmCall call =
          normalize(Map.of("gen_ai.operation.name", "chat", "gen_ai.request.model", "gpt-4o"));

      assertThat(call.usage().reported()).isFalse();
      assertThat(call.usage()).isEqualTo(TokenUsage.unreported());
    }
  }

  @Nested
  class MalformedInput {

    @Test
    void garbageValuesAreIgnoredFieldByFieldAndNeverThrow() {
      Map<String, Object> attributes = new HashMap<>();
      attributes.put("gen_ai.operation.name", "chat");
      attributes.put("gen_ai.provider.name", 42L);
      attributes.put("gen_ai.system", "openai");
      attributes.put("gen_ai.request.model", "gpt-4o");
      attributes.put("gen_ai.response.model", List.of("not", "a", "string"));
      attributes.put("gen_ai.usage.input_tokens", -5L);
      attributes.put("gen_ai.usage.output_tokens", "lots");
      attributes.put("gen_ai.usage.cache_read.input_tokens", Double.NaN);
      attributes.put("gen_ai.usage.cache_creation.input_tokens", 12.5);
      attributes.put("gen_ai.usage.reasoning.output_tokens", "1e400");
      attributes.put("llm.usage.total_tokens", Long.MAX_VALUE);
      attributes.put("gen_ai.response.time_to_first_chunk", -1.0);
      attributes.put("gen_ai.request.stream", "maybe");
      attributes.put("gen_ai.response.finish_reasons", 7L);
      attributes.put("gen_ai.input.messages", "[{not json");
      attributes.put("gen_ai.output.messages", "{\"role\":\"assistant\"}");
      attributes.put("gen_ai.system_instructions", List.of(1L, 2L));
      attributes.put("gen_ai.prompt.99999999999.content", "index too large: ignored");
      attributes.put("gen_ai.prompt.x.content", "not an index: ignored");
      attributes.put("gen_ai.prompt.0.role", "user");
      attributes.put("gen_ai.prompt.0.content", "the readable prompt");
      attributes.put(null, "null key");
      attributes.put("gen_ai.response.id", null);
      List<SpanEvent> events = new ArrayList<>();
      events.add(null);
      events.add(new SpanEvent(null, -1, null));
      events.add(new SpanEvent("gen_ai.choice", 0, Map.of("message", "{broken")));

      LlmCall call = normalizer.normalize("chat gpt-4o", START, attributes, events).orElseThrow();

      assertThat(call.provider()).isEqualTo("openai");
      assertThat(call.requestModel()).isEqualTo("gpt-4o");
      assertThat(call.responseModel()).isNull();
      assertThat(call.usage()).isEqualTo(TokenUsage.unreported());
      assertThat(call.timeToFirstTokenMs()).isNull();
      assertThat(call.streaming()).isNull();
      assertThat(call.finishReasons()).isEmpty();
      assertThat(call.responseId()).isNull();
      assertThat(call.input())
          .isEqualTo(
              "[{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"the readable prompt\"}]}]");
      assertThat(call.output()).isEqualTo("[{\"role\":\"assistant\",\"parts\":[]}]");
    }

    @Test
    void everyValueTypeInEveryKnownKeyNeverThrows() {
      List<Object> values =
          List.of(
              "",
              " ",
              "x",
              "-1",
              "1e9999999999",
              "[",
              "{}",
              "[1,2]",
              "[{}]",
              "null",
              -1L,
              0L,
              Long.MIN_VALUE,
              Double.NEGATIVE_INFINITY,
              Double.MAX_VALUE,
              true,
              List.of(),
              List.of("a", 1L, 2.0, true));
      List<String> keys = KnownKeys.all();
      for (Object value : values) {
        Map<String, Object> attributes = new HashMap<>();
        keys.forEach(key -> attributes.put(key, value));
        attributes.put("gen_ai.operation.name", "chat");
        List<SpanEvent> events =
            List.of(
                new SpanEvent("gen_ai.user.message", START, attributes),
                new SpanEvent("gen_ai.choice", START, attributes),
                new SpanEvent("gen_ai.client.inference.operation.details", START, attributes),
                new SpanEvent("First Token Stream Event", START - 5, attributes));
        assertThatCode(() -> normalizer.normalize("chat x", START, attributes, events))
            .as("value %s", value)
            .doesNotThrowAnyException();
      }
    }

    @Test
    void oversizedContentIsKeptWhole() {
      String huge = "x".repeat(1_000_000);
      LlmCall call =
          normalize(
              Map.of(
                  "gen_ai.operation.name", "chat",
                  "gen_ai.request.model", "gpt-4o",
                  "gen_ai.prompt.0.role", "user",
                  "gen_ai.prompt.0.content", huge));

      assertThat(call.input())
          .isEqualTo(
              "[{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"" + huge + "\"}]}]");
    }
  }

  @Nested
  class TimeToFirstToken {

    @Test
    void earliestFirstChunkEventAfterSpanStartWins() {
      List<SpanEvent> events =
          List.of(
              new SpanEvent("llm.content.completion.chunk", START + 90_000_000L, Map.of()),
              new SpanEvent("llm.content.completion.chunk", START + 40_500_000L, Map.of()),
              new SpanEvent("llm.content.completion.chunk", START + 120_000_000L, Map.of()));
      Map<String, Object> attributes =
          Map.of(
              "llm.request.type",
              "chat",
              "gen_ai.request.model",
              "gpt-4o",
              "llm.is_streaming",
              true);

      LlmCall call = normalizer.normalize("openai.chat", START, attributes, events).orElseThrow();

      assertThat(call.timeToFirstTokenMs()).isEqualTo(40.5);
      assertThat(
              normalizer
                  .normalize("openai.chat", attributes, events)
                  .orElseThrow()
                  .timeToFirstTokenMs())
          .as("without a span start the events cannot be timed")
          .isNull();
    }
  }
}
