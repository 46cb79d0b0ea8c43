package dev.boxscore.otel.ext.jdkhttp;

import io.opentelemetry.javaagent.extension.instrumentation.InstrumentationModule;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Raw JDK {@code java.net.http.HttpClient} calls to OpenAI- or Anthropic-compatible endpoints: one GenAI span per call
 * that no SDK-level LLM span covers. Disable with {@code -Dotel.instrumentation.boxscore-jdk-http-llm.enabled=false}.
 */
public final class JdkHttpClientInstrumentationModule extends InstrumentationModule {
  /** See RawHttpHelperListTest: every compiled helper must be listed. */
  static final List<String> HELPERS = Arrays.asList(
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

  private static final String INSTRUMENTATION =
      "dev.boxscore.otel.ext.jdkhttp.java11.HttpClientImplInstrumentation";

  public JdkHttpClientInstrumentationModule() {
    super("boxscore-jdk-http-llm", "boxscore-raw-http-llm");
  }

  /**
   * Added before the agent's own java-http-client instrumentation, so this advice wraps it: the GenAI span starts
   * first and the agent's HTTP span becomes its child (and sees the GenAI span, so nested frameworks dedupe).
   */
  @Override
  public int order() {
    return -1;
  }

  /**
   * The instrumentation and its helpers are Java 11 bytecode (they implement java.net.http interfaces): loaded by
   * name, and only where that API exists, so this class stays loadable on Java 8.
   */
  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    try {
      Class.forName("java.net.http.HttpClient", false, ClassLoader.getSystemClassLoader());
      Object instrumentation = Class.forName(INSTRUMENTATION).getDeclaredConstructor().newInstance();
      return Collections.singletonList((TypeInstrumentation) instrumentation);
    } catch (Throwable noJavaHttpClient) {
      return Collections.emptyList();
    }
  }

  @Override
  public List<String> getAdditionalHelperClassNames() {
    return HELPERS;
  }
}
