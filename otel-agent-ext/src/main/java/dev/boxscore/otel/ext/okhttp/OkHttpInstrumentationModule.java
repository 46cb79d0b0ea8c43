package dev.boxscore.otel.ext.okhttp;

import static io.opentelemetry.javaagent.extension.matcher.AgentElementMatchers.hasClassesNamed;
import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;

import io.opentelemetry.javaagent.extension.instrumentation.InstrumentationModule;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.javaagent.extension.instrumentation.TypeTransformer;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Raw OkHttp calls to OpenAI- or Anthropic-compatible endpoints: one GenAI span per call that no
 * SDK-level LLM span covers. Disable with {@code
 * -Dotel.instrumentation.boxscore-okhttp-llm.enabled=false}.
 *
 * <p>The module is its own type instrumentation and names its advice classes as strings: each class
 * the agent loads from an extension at start-up costs about a millisecond (BENCHMARKS.md); advice
 * is read only when it is applied.
 */
public final class OkHttpInstrumentationModule extends InstrumentationModule
    implements TypeInstrumentation {
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
          "dev.boxscore.otel.ext.okhttp.LlmCallInterceptor",
          "dev.boxscore.otel.ext.okhttp.TeeResponseBody",
          "dev.boxscore.otel.ext.okhttp.TeeResponseBody$CallStream",
          "dev.boxscore.otel.ext.okhttp.TeeResponseBody$TeeSource");

  public OkHttpInstrumentationModule() {
    super("boxscore-okhttp-llm", "boxscore-raw-http-llm");
  }

  @Override
  public ElementMatcher.Junction<ClassLoader> classLoaderMatcher() {
    // OkHttp 3.x-5.x share this API; okio's ForwardingSource is what the body tee is built on.
    return hasClassesNamed(
        "okhttp3.OkHttpClient$Builder",
        "okhttp3.Interceptor",
        "okhttp3.ResponseBody",
        "okio.ForwardingSource");
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return Collections.<TypeInstrumentation>singletonList(this);
  }

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named("okhttp3.OkHttpClient$Builder");
  }

  @Override
  public void transform(TypeTransformer transformer) {
    transformer.applyAdviceToMethod(
        isConstructor(),
        "dev.boxscore.otel.ext.okhttp.OkHttpClientBuilderInstrumentation$ConstructorAdvice");
  }

  @Override
  public List<String> getAdditionalHelperClassNames() {
    return HELPERS;
  }
}
