package dev.boxscore.otel.ext.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boxscore.otel.ext.common.LlmSpan;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.baggage.BaggageBuilder;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.MDC;

/**
 * User and session on the spans: the SDK built with {@link BoxscoreSdkCustomizer} as the agent
 * builds it, with {@code -Dboxscore.user.mdc-key=tenant -Dboxscore.session.mdc-key=conversation
 * -Dboxscore.user.id=batch-job} (slf4j-jdk14 gives the tests a working MDC).
 */
class UserSessionProcessorTest {
  /** A scope of its own: {@link LlmSpan} keeps each scope's tracer for the life of the JVM. */
  private static final String SCOPE = "dev.boxscore.test.users";

  private static final List<ReadableSpan> ENDED = new CopyOnWriteArrayList<>();
  private static SdkTracerProvider provider;

  @BeforeAll
  static void installSdk() {
    provider =
        withSettings(
            Map.of(
                "boxscore.user.mdc-key", "tenant",
                "boxscore.session.mdc-key", " conversation ",
                "boxscore.user.id", "batch-job"),
            () -> customizedProvider());
    GlobalOpenTelemetry.resetForTest();
    GlobalOpenTelemetry.set(OpenTelemetrySdk.builder().setTracerProvider(provider).build());
  }

  @AfterAll
  static void removeSdk() {
    GlobalOpenTelemetry.resetForTest();
    provider.close();
  }

  @AfterEach
  void clear() {
    MDC.clear();
    ENDED.clear();
  }

  @Test
  void baggageUserAndSessionLandOnAnLlmSpanTheExtensionStarts() {
    try (Scope ignored = baggage("user.id", "4711", "session.id", "conv-1").makeCurrent()) {
      llmCall();
    }

    assertThat(onlySpan().getAttribute(UserSessionProcessor.USER_ID)).isEqualTo("4711");
    assertThat(onlySpan().getAttribute(UserSessionProcessor.SESSION_ID)).isEqualTo("conv-1");
  }

  @Test
  void theConfiguredMdcKeysAreRead() {
    MDC.put("tenant", "acme-7");
    MDC.put("conversation", "c-42");
    llmCall();

    assertThat(onlySpan().getAttribute(UserSessionProcessor.USER_ID)).isEqualTo("acme-7");
    assertThat(onlySpan().getAttribute(UserSessionProcessor.SESSION_ID)).isEqualTo("c-42");
  }

  @Test
  void baggageWinsOverMdcWhichWinsOverTheSystemProperty() {
    MDC.put("tenant", "from-mdc");
    MDC.put("conversation", "session-from-mdc");
    try (Scope ignored = baggage("user.id", "from-baggage").makeCurrent()) {
      llmCall();
    }
    llmCall();
    MDC.clear();
    llmCall();

    assertThat(ENDED)
        .extracting(span -> span.getAttribute(UserSessionProcessor.USER_ID))
        .containsExactly("from-baggage", "from-mdc", "batch-job");
    // each attribute has its own sources: the session came from the MDC in the first call too
    assertThat(ENDED)
        .extracting(span -> span.getAttribute(UserSessionProcessor.SESSION_ID))
        .containsExactly("session-from-mdc", "session-from-mdc", null);
  }

  @Test
  void anAttributeTheSpanAlreadyHasIsKept() {
    try (Scope ignored = baggage("user.id", "4711", "session.id", "conv-1").makeCurrent()) {
      provider
          .get("app")
          .spanBuilder("handle request")
          .setAttribute("user.id", "set-by-the-application")
          .startSpan()
          .end();
    }

    assertThat(onlySpan().getAttribute(UserSessionProcessor.USER_ID))
        .isEqualTo("set-by-the-application");
    assertThat(onlySpan().getAttribute(UserSessionProcessor.SESSION_ID)).isEqualTo("conv-1");
  }

  @Test
  void valuesAreTrimmedEmptyOnesSkippedAndLongOnesCutTo256Characters() {
    MDC.put("tenant", "  acme-7  ");
    String longSession = "s".repeat(300);
    try (Scope ignored = baggage("user.id", "   ", "session.id", longSession).makeCurrent()) {
      llmCall();
    }

    assertThat(onlySpan().getAttribute(UserSessionProcessor.USER_ID)).isEqualTo("acme-7");
    assertThat(onlySpan().getAttribute(UserSessionProcessor.SESSION_ID)).isEqualTo("s".repeat(256));
  }

  @Test
  void aCutNeverEndsInHalfASurrogatePair() {
    String emoji = "\uD83D\uDE00";
    assertThat(UserSessionProcessor.normalize("u".repeat(255) + emoji + "tail"))
        .isEqualTo("u".repeat(255));
    assertThat(UserSessionProcessor.normalize(emoji.repeat(200))).isEqualTo(emoji.repeat(128));
  }

  @Test
  void withoutSlf4jOnTheThreadsClassLoaderTheOtherSourcesStillWork() throws Exception {
    Thread thread = Thread.currentThread();
    ClassLoader original = thread.getContextClassLoader();
    try (URLClassLoader noSlf4j = new URLClassLoader(new URL[0], null)) {
      thread.setContextClassLoader(noSlf4j);
      MDC.put("tenant", "not-visible-from-that-loader");
      try (Scope ignored = baggage("session.id", "conv-1").makeCurrent()) {
        llmCall();
        llmCall();
      }
    } finally {
      thread.setContextClassLoader(original);
    }
    llmCall();

    assertThat(ENDED)
        .extracting(span -> span.getAttribute(UserSessionProcessor.USER_ID))
        .containsExactly("batch-job", "batch-job", "not-visible-from-that-loader");
    assertThat(ENDED.get(0).getAttribute(UserSessionProcessor.SESSION_ID)).isEqualTo("conv-1");
  }

  @ParameterizedTest
  @ValueSource(strings = {"false", "FALSE", " false", "off", "no"})
  void captureOffRecordsNothing(String capture) {
    List<ReadableSpan> ended = new CopyOnWriteArrayList<>();
    try (SdkTracerProvider off =
        withSettings(
            Map.of(
                "boxscore.user.capture", capture,
                "boxscore.user.mdc-key", "tenant",
                "boxscore.user.id", "batch-job"),
            () ->
                new BoxscoreSdkCustomizer()
                    .apply(SdkTracerProvider.builder().addSpanProcessor(recorder(ended)), null)
                    .build())) {
      MDC.put("tenant", "acme-7");
      try (Scope ignored = baggage("user.id", "4711", "session.id", "conv-1").makeCurrent()) {
        off.get("app").spanBuilder("handle request").startSpan().end();
      }
    }

    assertThat(ended).singleElement();
    assertThat(ended.get(0).getAttribute(UserSessionProcessor.USER_ID)).isNull();
    assertThat(ended.get(0).getAttribute(UserSessionProcessor.SESSION_ID)).isNull();
  }

  @Test
  void captureTrueOrUnsetRecords() {
    assertThat(withSettings(Map.of(), UserSessionProcessor::fromSettings)).isNotNull();
    assertThat(
            withSettings(
                Map.of("boxscore.user.capture", "true"), UserSessionProcessor::fromSettings))
        .isNotNull();
  }

  private static void llmCall() {
    LlmSpan span = LlmSpan.start(SCOPE, "chat", "openai", "gpt-4o-mini", false);
    span.attach();
    span.detach();
    span.end();
  }

  private static ReadableSpan onlySpan() {
    assertThat(ENDED).hasSize(1);
    return ENDED.get(0);
  }

  private static Context baggage(String... keysAndValues) {
    BaggageBuilder builder = Baggage.current().toBuilder();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      builder.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return Context.current().with(builder.build());
  }

  private static SdkTracerProvider customizedProvider() {
    return new BoxscoreSdkCustomizer()
        .apply(SdkTracerProvider.builder().addSpanProcessor(recorder(ENDED)), null)
        .build();
  }

  /** Runs {@code body} with the system properties set, then removes them. */
  private static <T> T withSettings(Map<String, String> settings, Supplier<T> body) {
    settings.forEach(System::setProperty);
    try {
      return body.get();
    } finally {
      settings.keySet().forEach(System::clearProperty);
    }
  }

  private static SpanProcessor recorder(List<ReadableSpan> ended) {
    return new SpanProcessor() {
      @Override
      public void onStart(Context parentContext, ReadWriteSpan span) {}

      @Override
      public boolean isStartRequired() {
        return false;
      }

      @Override
      public void onEnd(ReadableSpan span) {
        ended.add(span);
      }

      @Override
      public boolean isEndRequired() {
        return true;
      }
    };
  }
}
