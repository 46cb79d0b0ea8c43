package dev.boxscore.otel.ext.openai;

import static io.opentelemetry.javaagent.extension.matcher.AgentElementMatchers.hasClassesNamed;
import static net.bytebuddy.matcher.ElementMatchers.named;
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
 * openai-java's Responses API ({@code client.responses().create / createStreaming}), which the
 * stock agent does not trace (it covers chat completions and embeddings only, so no call gets two
 * LLM spans). Disable with {@code -Dotel.instrumentation.boxscore-openai-responses.enabled=false}.
 *
 * <p>The module is its own type instrumentation and names its advice classes as strings: each class
 * the agent loads from an extension at start-up costs about a millisecond (BENCHMARKS.md); advice
 * is read only when it is applied.
 */
public final class OpenAiResponsesInstrumentationModule extends InstrumentationModule
    implements TypeInstrumentation {
  private static final String PARAMS = "com.openai.models.responses.ResponseCreateParams";
  private static final String ADVICE =
      "dev.boxscore.otel.ext.openai.ResponseServiceInstrumentation";

  /** See HelperListTest: every compiled helper must be listed. */
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
        PARAMS,
        "com.openai.models.responses.ResponseStreamEvent",
        "com.openai.core.http.StreamResponse");
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return Collections.<TypeInstrumentation>singletonList(this);
  }

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named("com.openai.services.blocking.ResponseServiceImpl");
  }

  @Override
  public void transform(TypeTransformer transformer) {
    transformer.applyAdviceToMethod(
        named("create").and(takesArguments(2)).and(takesArgument(0, named(PARAMS))),
        ADVICE + "$CreateAdvice");
    transformer.applyAdviceToMethod(
        named("createStreaming").and(takesArguments(2)).and(takesArgument(0, named(PARAMS))),
        ADVICE + "$CreateStreamingAdvice");
  }

  @Override
  public List<String> getAdditionalHelperClassNames() {
    return HELPERS;
  }
}
