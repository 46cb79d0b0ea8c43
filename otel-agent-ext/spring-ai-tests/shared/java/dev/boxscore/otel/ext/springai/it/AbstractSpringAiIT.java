package dev.boxscore.otel.ext.springai.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.entry;

import dev.boxscore.otel.ext.it.OtlpReceiver.ReceivedSpan;
import dev.boxscore.otel.ext.it.Traces;
import dev.boxscore.simulator.ProviderSimulator;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.context.Scope;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.opentelemetry.proto.trace.v1.Status.StatusCode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The real Spring AI chat models (OpenAI, Anthropic; built directly and through a Boot application's ChatClient)
 * against the provider simulator, in a JVM running the OpenTelemetry agent with the Boxscore extension. Each line's
 * module runs these with its own {@link SpringAiLine}.
 */
public abstract class AbstractSpringAiIT {
  static final String SCOPE = "dev.boxscore.otel.spring-ai";
  static final String SYSTEM = "You are the support assistant of Acme. Order 12345 was placed on 2026-11-02.";
  static ProviderSimulator sim;

  /** The line under test. */
  protected abstract SpringAiLine line();

  @BeforeAll
  static void startSimulator() {
    dev.boxscore.otel.ext.it.OtlpReceiver.get();
    // prompts of 128+ tokens report cached tokens (OpenAI's rule is 1024; shorter keeps the test prompt small)
    sim = ProviderSimulator.builder().timeToFirstToken(Duration.ofMillis(40)).chunkDelay(Duration.ofMillis(1))
        .cacheMinTokens(128).start();
  }

  @AfterAll
  static void stopSimulator() {
    sim.close();
  }

  ChatModel openAi(Map<String, String> headers) {
    return line().openAi(sim.baseUrl(), "gpt-4o-mini", headers);
  }

  static Prompt prompt(String system, String user) {
    return new Prompt(List.of(new SystemMessage(system), new UserMessage(user)));
  }

  /**
   * The trace's LLM spans, after checking there are exactly {@code count}, each a child of the test's root span, and
   * that every other client span (the HTTP calls) hangs below one of them.
   */
  static List<ReceivedSpan> llmSpans(String traceId, int count) {
    List<ReceivedSpan> spans = Traces.awaitTrace(traceId, 1 + 2 * count);
    List<ReceivedSpan> llm = Traces.llmSpans(spans);
    assertThat(llm).hasSize(count);
    ReceivedSpan root = spans.stream().filter(s -> s.name().equals("test-root")).findFirst().orElseThrow();
    Map<String, ReceivedSpan> byId = spans.stream().collect(Collectors.toMap(ReceivedSpan::spanId, s -> s));
    for (ReceivedSpan span : llm) {
      assertThat(span.parentSpanId()).isEqualTo(root.spanId());
      assertThat(span.scope()).isEqualTo(SCOPE);
      assertThat(span.span().getKind()).isEqualTo(SpanKind.SPAN_KIND_CLIENT);
    }
    List<ReceivedSpan> http = spans.stream()
        .filter(s -> s.span().getKind() == SpanKind.SPAN_KIND_CLIENT && !llm.contains(s)).toList();
    assertThat(http).hasSizeGreaterThanOrEqualTo(count).allSatisfy(s -> {
      assertThat(s.attributes()).containsKey("http.request.method");
      assertThat(llmAncestor(s, byId)).as("LLM span above %s", s.name()).isNotNull();
    });
    // each provider call's HTTP request hangs below its own LLM span
    assertThat(http.stream().map(s -> llmAncestor(s, byId)).distinct()).containsExactlyInAnyOrderElementsOf(llm);
    return llm.stream().sorted((a, b) -> Long.compare(a.span().getStartTimeUnixNano(),
        b.span().getStartTimeUnixNano())).toList();
  }

  static ReceivedSpan llmAncestor(ReceivedSpan span, Map<String, ReceivedSpan> byId) {
    ReceivedSpan parent = byId.get(span.parentSpanId());
    while (parent != null && !Traces.isLlm().test(parent)) {
      parent = byId.get(parent.parentSpanId());
    }
    return parent;
  }

  static ReceivedSpan onlyLlmSpan(String traceId) {
    return llmSpans(traceId, 1).get(0);
  }

  static long tokens(Integer count) {
    return Objects.requireNonNull(count, "token count").longValue();
  }

  @Test
  void syncCallIsOneClientSpanWithTheGenAiAttributes() throws Exception {
    AtomicReference<ChatResponse> response = new AtomicReference<>();
    String traceId = Traces.inRootSpan(() -> response.set(openAi(Map.of()).call(prompt(SYSTEM, "Where is my order?"))));

    ReceivedSpan span = onlyLlmSpan(traceId);
    ChatResponse r = response.get();
    assertThat(span.name()).isEqualTo("chat gpt-4o-mini");
    assertThat(span.span().getStatus().getCode()).isEqualTo(StatusCode.STATUS_CODE_UNSET);
    assertThat(span.attributes()).containsOnlyKeys("gen_ai.operation.name", "gen_ai.provider.name",
        "gen_ai.request.model", "gen_ai.request.stream", "gen_ai.request.temperature", "gen_ai.request.max_tokens",
        "gen_ai.response.id", "gen_ai.response.model", "gen_ai.response.finish_reasons", "gen_ai.usage.input_tokens",
        "gen_ai.usage.output_tokens", "gen_ai.usage.cache_read.input_tokens",
        "gen_ai.usage.reasoning.output_tokens", "boxscore.prompt.fingerprint", "boxscore.prompt.version",
        // added by the agent itself
        "thread.id", "thread.name");
    assertThat(span.attributes()).contains(
        entry("gen_ai.operation.name", "chat"),
        entry("gen_ai.provider.name", "openai"),
        entry("gen_ai.request.model", "gpt-4o-mini"),
        entry("gen_ai.request.stream", false),
        entry("gen_ai.request.temperature", 0.2),
        entry("gen_ai.request.max_tokens", 200L),
        entry("gen_ai.response.id", r.getMetadata().getId()),
        entry("gen_ai.response.model", "gpt-4o-mini-2024-07-18"),
        entry("gen_ai.response.finish_reasons", List.of("stop")),
        entry("gen_ai.usage.input_tokens", tokens(r.getMetadata().getUsage().getPromptTokens())),
        entry("gen_ai.usage.output_tokens", 24L),
        entry("gen_ai.usage.cache_read.input_tokens", 0L),
        entry("gen_ai.usage.reasoning.output_tokens", 0L),
        entry("boxscore.prompt.version", "v-config"));
    assertThat(r.getMetadata().getId()).isNotBlank();
    assertThat((String) span.attributes().get("boxscore.prompt.fingerprint")).matches("[0-9a-f]{16}");
  }

  @Test
  void streamRecordsTimeToFirstChunkAndDeliversEveryElement() throws Exception {
    AtomicReference<List<ChatResponse>> chunks = new AtomicReference<>();
    String traceId = Traces.inRootSpan(() -> chunks.set(openAi(Map.of()).stream(prompt(SYSTEM, "Where is my order?"))
        .collectList().block(Duration.ofSeconds(10))));

    String text = chunks.get().stream().map(c -> c.getResult() == null ? null : c.getResult().getOutput().getText())
        .filter(Objects::nonNull).collect(Collectors.joining());
    assertThat(text.trim().split("\\s+")).hasSize(24);
    ReceivedSpan span = onlyLlmSpan(traceId);
    ChatResponse withUsage = chunks.get().stream()
        .filter(c -> c.getMetadata().getUsage() != null && c.getMetadata().getUsage().getCompletionTokens() != null
            && c.getMetadata().getUsage().getCompletionTokens() > 0).reduce((a, b) -> b).orElseThrow();
    assertThat(span.attributes()).contains(
        entry("gen_ai.request.stream", true),
        entry("gen_ai.provider.name", "openai"),
        entry("gen_ai.response.model", "gpt-4o-mini-2024-07-18"),
        entry("gen_ai.response.finish_reasons", List.of("stop")),
        entry("gen_ai.usage.input_tokens", tokens(withUsage.getMetadata().getUsage().getPromptTokens())),
        entry("gen_ai.usage.output_tokens", 24L),
        entry("gen_ai.response.id", chunks.get().get(0).getMetadata().getId()));
    double ttft = (Double) span.attributes().get("gen_ai.response.time_to_first_chunk");
    double duration = (span.span().getEndTimeUnixNano() - span.span().getStartTimeUnixNano()) / 1e9;
    // the simulator waits 40 ms before the first chunk, then 1 ms between the 24 chunks
    assertThat(ttft).isGreaterThanOrEqualTo(0.040).isLessThan(duration);
    assertThat(duration - ttft).isGreaterThanOrEqualTo(0.020);
  }

  @Test
  void aStreamNobodySubscribesToSendsNothingAndRecordsNoSpan() throws Exception {
    long before = sim.requestCount("/v1/chat/completions");
    String traceId = Traces.inRootSpan(() -> openAi(Map.of()).stream(prompt(SYSTEM, "Where is my order?")));

    // only the root arrives: the provider call (and its span) starts on subscription
    assertThat(Traces.awaitTrace(traceId, 1)).singleElement().satisfies(s -> assertThat(s.name()).isEqualTo("test-root"));
    assertThat(sim.requestCount("/v1/chat/completions")).isEqualTo(before);
  }

  @Test
  void providerErrorsEndTheSpanWithErrorTypeAndReachTheCaller() throws Exception {
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    String traceId = Traces.inRootSpan(() -> thrown.set(catchThrowable(
        () -> openAi(Map.of("x-sim-scenario", "error=500")).call(prompt(SYSTEM, "Where is my order?")))));

    assertThat(thrown.get()).isNotNull();
    ReceivedSpan span = onlyLlmSpan(traceId);
    assertThat(span.span().getStatus().getCode()).isEqualTo(StatusCode.STATUS_CODE_ERROR);
    assertThat(span.attributes()).containsEntry("error.type", "500").doesNotContainKey("gen_ai.response.id");
    assertThat(span.span().getEventsList()).singleElement().satisfies(event -> {
      assertThat(event.getName()).isEqualTo("exception");
      assertThat(event.getAttributesList()).anySatisfy(kv -> {
        assertThat(kv.getKey()).isEqualTo("exception.type");
        assertThat(kv.getValue().getStringValue()).isEqualTo(thrown.get().getClass().getName());
      });
    });
  }

  @Test
  void streamErrorsEndTheSpanWithErrorType() throws Exception {
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    String traceId = Traces.inRootSpan(() -> thrown.set(catchThrowable(
        () -> openAi(Map.of("x-sim-scenario", "error=429")).stream(prompt(SYSTEM, "Where is my order?"))
            .collectList().block(Duration.ofSeconds(10)))));

    assertThat(thrown.get()).isNotNull();
    ReceivedSpan span = onlyLlmSpan(traceId);
    assertThat(span.span().getStatus().getCode()).isEqualTo(StatusCode.STATUS_CODE_ERROR);
    assertThat(span.attributes()).containsEntry("error.type", "429").containsEntry("gen_ai.request.stream", true)
        .doesNotContainKey("gen_ai.response.time_to_first_chunk");
  }

  @Test
  void toolCallsThroughChatClientGiveOneSpanPerProviderCall() throws Exception {
    AtomicReference<ChatResponse> response = new AtomicReference<>();
    String traceId = Traces.inRootSpan(() -> response.set(ChatClient.create(openAi(Map.of())).prompt()
        .user("Please call get_weather for Lisbon").tools(new WeatherTools()).call().chatResponse()));

    assertThat(response.get().getResult().getOutput().getText()).isNotBlank();
    List<ReceivedSpan> llm = llmSpans(traceId, 2);
    ReceivedSpan toolRound = llm.get(0);
    ReceivedSpan answer = llm.get(1);
    assertThat(toolRound.attributes()).contains(
        entry("gen_ai.response.finish_reasons", List.of("tool_calls")),
        entry("gen_ai.tool.definitions.names", List.of("get_weather")))
        // no system prompt, so no fingerprint
        .doesNotContainKey("boxscore.prompt.fingerprint");
    assertThat(answer.attributes()).contains(
        entry("gen_ai.response.finish_reasons", List.of("stop")),
        entry("gen_ai.tool.definitions.names", List.of("get_weather")),
        // this round's own reply, not the sum over the rounds
        entry("gen_ai.usage.output_tokens", 24L));
    // the second round sends the tool call and its result too
    assertThat((Long) answer.attributes().get("gen_ai.usage.input_tokens"))
        .isGreaterThan((Long) toolRound.attributes().get("gen_ai.usage.input_tokens"));
    assertThat(toolRound.span().getEndTimeUnixNano()).isLessThanOrEqualTo(answer.span().getStartTimeUnixNano());
  }

  @Test
  void aModelCalledFromInsideAToolGetsItsOwnSpan() throws Exception {
    String traceId = Traces.inRootSpan(() -> ChatClient.create(openAi(Map.of())).prompt()
        .user("Please call get_weather for Lisbon").tools(new ModelCallingTools(
            line().anthropic(sim.baseUrl(), Map.of()))).call().chatResponse());

    // the tool round, the tool's own Anthropic call, the answer: three provider calls, three spans below the root
    List<ReceivedSpan> llm = llmSpans(traceId, 3);
    assertThat(llm).extracting(s -> s.attributes().get("gen_ai.provider.name"))
        .containsExactly("openai", "anthropic", "openai");
    assertThat(llm.get(0).attributes()).containsEntry("gen_ai.response.finish_reasons", List.of("tool_calls"));
    assertThat(llm.get(0).span().getEndTimeUnixNano()).isLessThanOrEqualTo(llm.get(1).span().getStartTimeUnixNano());
    assertThat(llm.get(2).attributes()).containsEntry("gen_ai.response.finish_reasons", List.of("stop"));
  }

  @Test
  void streamedToolCallsThroughChatClientGiveOneSpanPerProviderCall() throws Exception {
    AtomicReference<String> text = new AtomicReference<>();
    String traceId = Traces.inRootSpan(() -> text.set(String.join("", ChatClient.create(openAi(Map.of())).prompt()
        .user("Please call get_weather for Lisbon").tools(new WeatherTools()).stream().content()
        .collectList().block(Duration.ofSeconds(10)))));

    assertThat(text.get()).isNotBlank();
    List<ReceivedSpan> llm = llmSpans(traceId, 2);
    assertThat(llm.get(0).attributes()).contains(
        entry("gen_ai.request.stream", true),
        entry("gen_ai.response.finish_reasons", List.of("tool_calls")));
    assertThat(llm.get(1).attributes()).contains(
        entry("gen_ai.request.stream", true),
        entry("gen_ai.response.finish_reasons", List.of("stop")),
        entry("gen_ai.usage.output_tokens", 24L))
        .containsKey("gen_ai.response.time_to_first_chunk");
  }

  @Test
  void reasoningModelsReportCacheReadAndReasoningTokens() throws Exception {
    String longSystem = SYSTEM + " Follow the refund policy to the letter.".repeat(20);
    AtomicReference<ChatResponse> response = new AtomicReference<>();
    String traceId = Traces.inRootSpan(() -> response.set(line().openAi(sim.baseUrl(), "o4-mini", Map.of())
        .call(prompt(longSystem, "Where is my order?"))));

    long input = tokens(response.get().getMetadata().getUsage().getPromptTokens());
    assertThat(input).isGreaterThanOrEqualTo(128);
    assertThat(onlyLlmSpan(traceId).attributes()).contains(
        entry("gen_ai.request.model", "o4-mini"),
        entry("gen_ai.usage.input_tokens", input),
        // the simulator's rules: the largest multiple of 128 is cached; reasoning models think twice the reply
        entry("gen_ai.usage.cache_read.input_tokens", input / 128 * 128),
        entry("gen_ai.usage.reasoning.output_tokens", 48L),
        entry("gen_ai.usage.output_tokens", 72L));
  }

  @Test
  void anthropicCallsAndStreamsAreOneSpanEach() throws Exception {
    ChatModel anthropic = line().anthropic(sim.baseUrl(), Map.of());
    AtomicReference<ChatResponse> response = new AtomicReference<>();
    String call = Traces.inRootSpan(() -> response.set(anthropic.call(prompt(SYSTEM, "Where is my order?"))));
    String stream = Traces.inRootSpan(() -> anthropic.stream(prompt(SYSTEM, "Where is my order?"))
        .collectList().block(Duration.ofSeconds(10)));

    ReceivedSpan sync = onlyLlmSpan(call);
    assertThat(sync.name()).isEqualTo("chat claude-sonnet-4-5");
    assertThat(sync.attributes()).contains(
        entry("gen_ai.provider.name", "anthropic"),
        entry("gen_ai.request.model", "claude-sonnet-4-5"),
        entry("gen_ai.request.max_tokens", 300L),
        entry("gen_ai.request.stream", false),
        entry("gen_ai.response.id", response.get().getMetadata().getId()),
        entry("gen_ai.response.model", "claude-sonnet-4-5-20250929"),
        entry("gen_ai.response.finish_reasons", List.of("end_turn")),
        entry("gen_ai.usage.input_tokens", tokens(response.get().getMetadata().getUsage().getPromptTokens())),
        entry("gen_ai.usage.output_tokens", 24L));
    ReceivedSpan streamed = onlyLlmSpan(stream);
    assertThat(streamed.attributes()).contains(
        entry("gen_ai.provider.name", "anthropic"),
        entry("gen_ai.request.stream", true),
        entry("gen_ai.response.model", "claude-sonnet-4-5-20250929"),
        entry("gen_ai.usage.output_tokens", 24L))
        .containsKey("gen_ai.response.time_to_first_chunk");
  }

  @Test
  void samePromptWithOtherDetailsKeepsItsFingerprintAndBaggageSetsTheVersion() throws Exception {
    String first = Traces.inRootSpan(() -> openAi(Map.of()).call(prompt(SYSTEM, "Where is my order?")));
    String otherDetails = Traces.inRootSpan(() -> openAi(Map.of()).call(prompt(
        SYSTEM.replace("12345", "99881").replace("2026-11-02", "2026-12-24"), "Can I get a refund?")));
    String otherPrompt = Traces.inRootSpan(() -> {
      try (Scope ignored = Baggage.current().toBuilder().put("boxscore.prompt.version", "v-baggage").build()
          .makeCurrent()) {
        openAi(Map.of()).call(prompt("You are a pirate. Answer in rhymes.", "Where is my order?"));
      }
    });

    Object fingerprint = onlyLlmSpan(first).attributes().get("boxscore.prompt.fingerprint");
    assertThat(onlyLlmSpan(otherDetails).attributes()).containsEntry("boxscore.prompt.fingerprint", fingerprint)
        .containsEntry("boxscore.prompt.version", "v-config");
    assertThat(onlyLlmSpan(otherPrompt).attributes()).containsEntry("boxscore.prompt.version", "v-baggage")
        .doesNotContainEntry("boxscore.prompt.fingerprint", fingerprint)
        .doesNotContainKeys("gen_ai.input.messages", "gen_ai.output.messages");
  }

  /** A Boot application, as a user writes it: the starters' auto-configuration, a ChatClient from the builder bean. */
  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class BootApp {}

  @Test
  void bootApplicationChatClientCallsAndStreamsAreOneSpanEach() throws Exception {
    try (ConfigurableApplicationContext app = new SpringApplicationBuilder(BootApp.class)
        .properties(line().bootProperties(sim.baseUrl())).run()) {
      ChatClient client = app.getBean(ChatClient.Builder.class).defaultSystem(SYSTEM).build();
      AtomicReference<String> answer = new AtomicReference<>();
      String call = Traces.inRootSpan(() -> answer.set(client.prompt().user("Where is my order?").call().content()));
      String stream = Traces.inRootSpan(() -> client.prompt().user("Where is my order?").stream().content()
          .collectList().block(Duration.ofSeconds(10)));

      assertThat(answer.get()).isNotBlank();
      ReceivedSpan sync = onlyLlmSpan(call);
      assertThat(sync.attributes()).contains(
          entry("gen_ai.provider.name", "openai"),
          entry("gen_ai.request.model", "gpt-4o-mini"),
          entry("gen_ai.request.temperature", 0.3),
          entry("gen_ai.request.stream", false),
          entry("gen_ai.response.finish_reasons", List.of("stop")),
          entry("gen_ai.usage.output_tokens", 24L))
          .containsKey("boxscore.prompt.fingerprint");
      assertThat(onlyLlmSpan(stream).attributes()).contains(
          entry("gen_ai.request.stream", true),
          entry("gen_ai.response.finish_reasons", List.of("stop")))
          .containsKey("gen_ai.response.time_to_first_chunk")
          .containsEntry("boxscore.prompt.fingerprint", sync.attributes().get("boxscore.prompt.fingerprint"));
    }
  }

  @Test
  void theVersionUnderTestIsTheOneOnTheClassPath() {
    // guards the version matrix: the module's Spring AI version really is the one loaded
    String expected = System.getProperty("test.spring-ai.version");
    assertThat(expected).isNotBlank();
    assertThat(ChatModel.class.getProtectionDomain().getCodeSource().getLocation().getPath())
        .endsWith("spring-ai-model-" + expected + ".jar");
  }
}
