package dev.boxscore.otel.ext.openai;

import static io.opentelemetry.javaagent.extension.matcher.AgentElementMatchers.hasClassesNamed;

import io.opentelemetry.javaagent.extension.instrumentation.InstrumentationModule;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * openai-java's Responses API ({@code client.responses().create / createStreaming}), which the stock agent does not
 * trace (it covers chat completions and embeddings only, so no call gets two LLM spans). Disable with
 * {@code -Dotel.instrumentation.boxscore-openai-responses.enabled=false}.
 */
public final class OpenAiResponsesInstrumentationModule extends InstrumentationModule {
  /** See HelperListTest: every compiled helper must be listed. */
  static final List<String> HELPERS = Arrays.asList(
      "dev.boxscore.otel.ext.common.ExtensionConfig",
      "dev.boxscore.otel.ext.common.GenAiKeys",
      "dev.boxscore.otel.ext.common.Json",
      "dev.boxscore.otel.ext.common.LlmContext",
      "dev.boxscore.otel.ext.common.LlmSpan",
      "dev.boxscore.otel.ext.common.MessagesWriter",
      "dev.boxscore.otel.ext.common.PromptFingerprint",
      "dev.boxscore.otel.ext.common.Redactor",
      "dev.boxscore.otel.ext.openai.OpenAiResponsesCall",
      "dev.boxscore.otel.ext.openai.ResponseEventOutput",
      "dev.boxscore.otel.ext.openai.TracingResponseStream");

  public OpenAiResponsesInstrumentationModule() {
    super("boxscore-openai-responses", "boxscore-openai");
  }

  @Override
  public ElementMatcher.Junction<ClassLoader> classLoaderMatcher() {
    return hasClassesNamed(
        "com.openai.services.blocking.ResponseServiceImpl",
        "com.openai.models.responses.ResponseCreateParams",
        "com.openai.models.responses.ResponseStreamEvent",
        "com.openai.core.http.StreamResponse");
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return Collections.<TypeInstrumentation>singletonList(new ResponseServiceInstrumentation());
  }

  @Override
  public List<String> getAdditionalHelperClassNames() {
    return HELPERS;
  }
}
