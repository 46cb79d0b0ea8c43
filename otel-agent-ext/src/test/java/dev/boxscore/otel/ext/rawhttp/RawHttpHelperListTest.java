package dev.boxscore.otel.ext.rawhttp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boxscore.otel.ext.langchain4j.HelperListTestAccess;
import io.opentelemetry.javaagent.extension.instrumentation.InstrumentationModule;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import java.io.IOException;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * The raw-HTTP modules (OkHttp, JDK HttpClient) and the openai-java chat-stream module declare
 * every compiled class the advice can reach (see HelperListTest for why), and all three are
 * registered as services.
 */
class RawHttpHelperListTest {
  private static List<String> helpers(String... packages) throws IOException {
    return HelperListTestAccess.compiledClasses(packages).stream()
        .filter(n -> !HelperListTestAccess.agentSide(n))
        .toList();
  }

  private static InstrumentationModule module(String name) {
    return StreamSupport.stream(
            ServiceLoader.load(InstrumentationModule.class).spliterator(), false)
        .filter(m -> m.getClass().getName().equals(name))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void okHttpModule() throws IOException {
    List<String> compiled =
        helpers(
            "dev.boxscore.otel.ext.common",
            "dev.boxscore.otel.ext.rawhttp",
            "dev.boxscore.otel.ext.okhttp");
    assertThat(compiled)
        .contains(
            "dev.boxscore.otel.ext.okhttp.TeeResponseBody$TeeSource",
            "dev.boxscore.otel.ext.rawhttp.RawLlmCall$1");
    assertThat(
            module("dev.boxscore.otel.ext.okhttp.OkHttpInstrumentationModule")
                .getAdditionalHelperClassNames())
        .containsExactlyInAnyOrderElementsOf(compiled);
  }

  @Test
  void jdkHttpClientModule() throws IOException {
    List<String> compiled =
        helpers(
            "dev.boxscore.otel.ext.common",
            "dev.boxscore.otel.ext.rawhttp",
            "dev.boxscore.otel.ext.jdkhttp");
    InstrumentationModule module =
        module("dev.boxscore.otel.ext.jdkhttp.JdkHttpClientInstrumentationModule");
    assertThat(module.getAdditionalHelperClassNames())
        .containsExactlyInAnyOrderElementsOf(compiled);
    // on Java 11+ the module instruments HttpClientImpl itself (its Java 11 advice is named as
    // strings, which
    // ExtensionStartupTest resolves)
    assertThat(module.typeInstrumentations()).containsExactly((TypeInstrumentation) module);
  }

  @Test
  void openAiChatStreamModule() throws IOException {
    List<String> compiled =
        helpers(
            "dev.boxscore.otel.ext.common",
            "dev.boxscore.otel.ext.rawhttp",
            "dev.boxscore.otel.ext.openaichat");
    assertThat(compiled)
        .contains(
            "dev.boxscore.otel.ext.openaichat.FirstChunkStream$1",
            "dev.boxscore.otel.ext.openaichat.FirstChunkAsyncStream",
            "dev.boxscore.otel.ext.openaichat.FirstChunkHandler");
    assertThat(
            module("dev.boxscore.otel.ext.openaichat.OpenAiChatStreamInstrumentationModule")
                .getAdditionalHelperClassNames())
        .containsExactlyInAnyOrderElementsOf(compiled);
  }
}
