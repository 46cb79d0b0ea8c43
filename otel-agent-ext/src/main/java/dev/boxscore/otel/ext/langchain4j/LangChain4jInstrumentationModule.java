package dev.boxscore.otel.ext.langchain4j;

import static io.opentelemetry.javaagent.extension.matcher.AgentElementMatchers.hasClassesNamed;

import io.opentelemetry.javaagent.extension.instrumentation.InstrumentationModule;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import java.util.Arrays;
import java.util.List;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * LangChain4j 1.x {@code ChatModel} and {@code StreamingChatModel}: one GenAI client span per {@code doChat} (the
 * provider call, after LangChain4j merged the default parameters). Disable with
 * {@code -Dotel.instrumentation.boxscore-langchain4j.enabled=false}.
 */
public final class LangChain4jInstrumentationModule extends InstrumentationModule {
  /**
   * Every class the advice reaches, injected into the application's class loader. Without the muzzle build plugin
   * (Gradle only) nothing computes this list: HelperListTest fails when a compiled class is missing from it.
   */
  static final List<String> HELPERS = Arrays.asList(
      "dev.boxscore.otel.ext.common.ExtensionConfig",
      "dev.boxscore.otel.ext.common.GenAiKeys",
      "dev.boxscore.otel.ext.common.Json",
      "dev.boxscore.otel.ext.common.LlmContext",
      "dev.boxscore.otel.ext.common.LlmSpan",
      "dev.boxscore.otel.ext.common.MessagesWriter",
      "dev.boxscore.otel.ext.common.PromptFingerprint",
      "dev.boxscore.otel.ext.common.Redactor",
      "dev.boxscore.otel.ext.langchain4j.LangChain4jCall",
      "dev.boxscore.otel.ext.langchain4j.OpenAiUsage",
      "dev.boxscore.otel.ext.langchain4j.TracingStreamingHandler",
      "dev.boxscore.otel.ext.langchain4j.UsageDetails",
      "dev.boxscore.otel.ext.langchain4j.UsageDetails$1",
      "dev.boxscore.otel.ext.langchain4j.UsageDetails$2");

  public LangChain4jInstrumentationModule() {
    super("boxscore-langchain4j", "boxscore-langchain4j-1");
  }

  @Override
  public ElementMatcher.Junction<ClassLoader> classLoaderMatcher() {
    // Strict: the 1.x chat API this module was compiled against (ChatRequest, doChat, ModelProvider).
    return hasClassesNamed(
        "dev.langchain4j.model.chat.ChatModel",
        "dev.langchain4j.model.chat.StreamingChatModel",
        "dev.langchain4j.model.chat.request.ChatRequest",
        "dev.langchain4j.model.chat.response.StreamingChatResponseHandler",
        "dev.langchain4j.model.ModelProvider");
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return Arrays.<TypeInstrumentation>asList(new ChatModelInstrumentation(), new StreamingChatModelInstrumentation());
  }

  @Override
  public List<String> getAdditionalHelperClassNames() {
    return HELPERS;
  }
}
