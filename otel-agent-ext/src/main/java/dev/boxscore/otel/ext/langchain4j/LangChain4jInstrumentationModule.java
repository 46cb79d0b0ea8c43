package dev.boxscore.otel.ext.langchain4j;

import static io.opentelemetry.javaagent.extension.matcher.AgentElementMatchers.hasClassesNamed;
import static io.opentelemetry.javaagent.extension.matcher.AgentElementMatchers.implementsInterface;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
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
 * LangChain4j 1.x {@code ChatModel} and {@code StreamingChatModel}: one GenAI client span per
 * {@code doChat} (the provider call, after LangChain4j merged the default parameters). Disable with
 * {@code -Dotel.instrumentation.boxscore-langchain4j.enabled=false}.
 *
 * <p>The module is its own type instrumentation and names its advice classes as strings: each class
 * the agent loads from an extension at start-up costs about a millisecond (BENCHMARKS.md); advice
 * is read only when it is applied.
 */
public final class LangChain4jInstrumentationModule extends InstrumentationModule
    implements TypeInstrumentation {
  private static final String CHAT_MODEL = "dev.langchain4j.model.chat.ChatModel";
  private static final String STREAMING_CHAT_MODEL =
      "dev.langchain4j.model.chat.StreamingChatModel";
  private static final String CHAT_REQUEST = "dev.langchain4j.model.chat.request.ChatRequest";
  private static final String STREAMING_HANDLER =
      "dev.langchain4j.model.chat.response.StreamingChatResponseHandler";

  /**
   * Every class the advice reaches, injected into the application's class loader. Without the
   * muzzle build plugin (Gradle only) nothing computes this list: HelperListTest fails when a
   * compiled class is missing from it.
   */
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
    // Strict: the 1.x chat API this module was compiled against (ChatRequest, doChat,
    // ModelProvider).
    return hasClassesNamed(
        CHAT_MODEL,
        STREAMING_CHAT_MODEL,
        CHAT_REQUEST,
        STREAMING_HANDLER,
        "dev.langchain4j.model.ModelProvider");
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return Collections.<TypeInstrumentation>singletonList(this);
  }

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return implementsInterface(namedOneOf(CHAT_MODEL, STREAMING_CHAT_MODEL));
  }

  @Override
  public void transform(TypeTransformer transformer) {
    // ChatModel.doChat(ChatRequest)
    transformer.applyAdviceToMethod(
        named("doChat")
            .and(takesArguments(1))
            .and(takesArgument(0, named(CHAT_REQUEST)))
            .and(not(isAbstract())),
        "dev.boxscore.otel.ext.langchain4j.ChatModelInstrumentation$DoChatAdvice");
    // StreamingChatModel.doChat(ChatRequest, StreamingChatResponseHandler)
    transformer.applyAdviceToMethod(
        named("doChat")
            .and(takesArguments(2))
            .and(takesArgument(0, named(CHAT_REQUEST)))
            .and(takesArgument(1, named(STREAMING_HANDLER)))
            .and(not(isAbstract())),
        "dev.boxscore.otel.ext.langchain4j.StreamingChatModelInstrumentation$DoChatAdvice");
  }

  @Override
  public List<String> getAdditionalHelperClassNames() {
    return HELPERS;
  }
}
