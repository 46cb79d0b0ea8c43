package dev.boxscore.otel.ext.jdkhttp;

import static io.opentelemetry.javaagent.extension.matcher.AgentElementMatchers.extendsClass;
import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.opentelemetry.javaagent.extension.instrumentation.InstrumentationModule;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.javaagent.extension.instrumentation.TypeTransformer;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Raw JDK {@code java.net.http.HttpClient} calls to OpenAI- or Anthropic-compatible endpoints: one
 * GenAI span per call that no SDK-level LLM span covers. Disable with {@code
 * -Dotel.instrumentation.boxscore-jdk-http-llm.enabled=false}.
 *
 * <p>The module is its own type instrumentation and names its advice classes as strings: each class
 * the agent loads from an extension at start-up costs about a millisecond (BENCHMARKS.md); advice
 * is read only when it is applied.
 */
public final class JdkHttpClientInstrumentationModule extends InstrumentationModule
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
          "dev.boxscore.otel.ext.jdkhttp.java11.JdkLlmCalls",
          "dev.boxscore.otel.ext.jdkhttp.java11.JdkLlmCalls$1",
          "dev.boxscore.otel.ext.jdkhttp.java11.RequestBodyBytes",
          "dev.boxscore.otel.ext.jdkhttp.java11.TeeBodyHandler",
          "dev.boxscore.otel.ext.jdkhttp.java11.TeeBodySubscriber");

  /** Java 11 bytecode (it uses java.net.http types): read only where that API exists. */
  private static final String ADVICE =
      "dev.boxscore.otel.ext.jdkhttp.java11.HttpClientImplInstrumentation";

  public JdkHttpClientInstrumentationModule() {
    super("boxscore-jdk-http-llm", "boxscore-raw-http-llm");
  }

  /**
   * Added before the agent's own java-http-client instrumentation, so this advice wraps it: the
   * GenAI span starts first and the agent's HTTP span becomes its child (and sees the GenAI span,
   * so nested frameworks dedupe).
   */
  @Override
  public int order() {
    return -1;
  }

  /** Nothing on Java 8, where java.net.http does not exist. */
  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    try {
      Class.forName("java.net.http.HttpClient", false, ClassLoader.getSystemClassLoader());
      return Collections.<TypeInstrumentation>singletonList(this);
    } catch (Throwable noJavaHttpClient) {
      return Collections.emptyList();
    }
  }

  /**
   * The JDK's HttpClient implementation ({@code jdk.internal.net.http.HttpClientImpl}; the public
   * facade only delegates to it). The package is matched first: no type hierarchy is resolved for
   * the many other jdk.internal classes the JVM loads.
   */
  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return nameStartsWith("jdk.internal.net.http.")
        .and(not(named("jdk.internal.net.http.HttpClientFacade")))
        .and(extendsClass(named("java.net.http.HttpClient")));
  }

  @Override
  public void transform(TypeTransformer transformer) {
    transformer.applyAdviceToMethod(
        named("send")
            .and(isPublic())
            .and(takesArguments(2))
            .and(takesArgument(0, named("java.net.http.HttpRequest"))),
        ADVICE + "$SendAdvice");
    // both public overloads: the agent's own span starts in the two-argument one, which must sit
    // inside ours
    transformer.applyAdviceToMethod(
        named("sendAsync")
            .and(isPublic())
            .and(takesArguments(2).or(takesArguments(3)))
            .and(takesArgument(0, named("java.net.http.HttpRequest"))),
        ADVICE + "$SendAsyncAdvice");
  }

  @Override
  public List<String> getAdditionalHelperClassNames() {
    return HELPERS;
  }
}
