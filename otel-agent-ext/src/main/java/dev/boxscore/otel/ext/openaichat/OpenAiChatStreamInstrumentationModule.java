package dev.boxscore.otel.ext.openaichat;

import static io.opentelemetry.javaagent.extension.matcher.AgentElementMatchers.hasClassesNamed;
import static net.bytebuddy.matcher.ElementMatchers.isDeclaredBy;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.opentelemetry.javaagent.extension.instrumentation.InstrumentationModule;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.javaagent.extension.instrumentation.TypeTransformer;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Time to first chunk for openai-java chat-completion streams, sync ({@code StreamResponse}) and
 * async ({@code AsyncStreamResponse}), added to the stock agent's own {@code chat} span (which
 * lacks it): no second span. Disable with {@code
 * -Dotel.instrumentation.boxscore-openai-chat-stream.enabled=false}.
 *
 * <p>The module is its own type instrumentation and names its advice classes as strings: each class
 * the agent loads from an extension at start-up costs about a millisecond (BENCHMARKS.md); advice
 * is read only when it is applied.
 */
public final class OpenAiChatStreamInstrumentationModule extends InstrumentationModule
    implements TypeInstrumentation {
  private static final String SERVICE =
      "com.openai.services.blocking.chat.ChatCompletionServiceImpl";
  private static final String ASYNC_SERVICE =
      "com.openai.services.async.chat.ChatCompletionServiceAsyncImpl";

  /** See RawHttpHelperListTest: every compiled helper must be listed. */
  static final List<String> HELPERS =
      Arrays.asList(
          "dev.boxscore.otel.ext.common.ExtensionConfig",
          "dev.boxscore.otel.ext.common.GenAiKeys",
          "dev.boxscore.otel.ext.common.Json",
          "dev.boxscore.otel.ext.common.LlmContext",
          "dev.boxscore.otel.ext.common.LlmSpan",
          "dev.boxscore.otel.ext.common.MessagesWriter",
          "dev.boxscore.otel.ext.common.PromptFingerprint",
          "dev.boxscore.otel.ext.common.Redactor",
          "dev.boxscore.otel.ext.rawhttp.EnclosingLlmCall",
          "dev.boxscore.otel.ext.rawhttp.JsonBody",
          "dev.boxscore.otel.ext.rawhttp.JsonObject",
          "dev.boxscore.otel.ext.rawhttp.JsonObject$Entries",
          "dev.boxscore.otel.ext.rawhttp.JsonObject$EntryIterator",
          "dev.boxscore.otel.ext.rawhttp.JsonReader",
          "dev.boxscore.otel.ext.rawhttp.LlmEndpoint",
          "dev.boxscore.otel.ext.rawhttp.RawLlmCall",
          "dev.boxscore.otel.ext.rawhttp.RawLlmCall$1",
          "dev.boxscore.otel.ext.rawhttp.RequestModel",
          "dev.boxscore.otel.ext.rawhttp.ResponseSummary",
          "dev.boxscore.otel.ext.rawhttp.SpanFinisher",
          "dev.boxscore.otel.ext.rawhttp.SpanFinisher$1",
          "dev.boxscore.otel.ext.rawhttp.SseEvents",
          "dev.boxscore.otel.ext.rawhttp.SseEvents$Listener",
          "dev.boxscore.otel.ext.openaichat.ChunkOutput",
          "dev.boxscore.otel.ext.openaichat.FirstChunkTimer",
          "dev.boxscore.otel.ext.openaichat.FirstChunkStream",
          "dev.boxscore.otel.ext.openaichat.FirstChunkStream$1",
          "dev.boxscore.otel.ext.openaichat.FirstChunkAsyncStream",
          "dev.boxscore.otel.ext.openaichat.FirstChunkHandler");

  public OpenAiChatStreamInstrumentationModule() {
    super("boxscore-openai-chat-stream", "boxscore-openai");
  }

  @Override
  public ElementMatcher.Junction<ClassLoader> classLoaderMatcher() {
    return hasClassesNamed(
        SERVICE,
        ASYNC_SERVICE,
        "com.openai.models.chat.completions.ChatCompletionChunk",
        "com.openai.core.http.StreamResponse",
        "com.openai.core.http.AsyncStreamResponse");
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return Collections.<TypeInstrumentation>singletonList(this);
  }

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return namedOneOf(SERVICE, ASYNC_SERVICE);
  }

  @Override
  public void transform(TypeTransformer transformer) {
    transformer.applyAdviceToMethod(
        createStreaming().and(isDeclaredBy(named(SERVICE))),
        "dev.boxscore.otel.ext.openaichat.ChatCompletionServiceInstrumentation$CreateStreamingAdvice");
    transformer.applyAdviceToMethod(
        createStreaming().and(isDeclaredBy(named(ASYNC_SERVICE))),
        "dev.boxscore.otel.ext.openaichat.ChatCompletionServiceAsyncInstrumentation$CreateStreamingAdvice");
  }

  private static ElementMatcher.Junction<MethodDescription> createStreaming() {
    return named("createStreaming")
        .and(takesArguments(2))
        .and(
            takesArgument(
                0, named("com.openai.models.chat.completions.ChatCompletionCreateParams")));
  }

  @Override
  public List<String> getAdditionalHelperClassNames() {
    return HELPERS;
  }
}
