package dev.boxscore.otel.ext.springai;

import static io.opentelemetry.javaagent.extension.matcher.AgentElementMatchers.hasClassesNamed;

import io.opentelemetry.javaagent.extension.instrumentation.InstrumentationModule;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import java.util.Arrays;
import java.util.List;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Spring AI 1.1 and 2.0 {@code ChatModel.call(Prompt)} / {@code StreamingChatModel.stream(Prompt)} of any provider
 * module (matched by interface and method name, so one instrumentation covers both lines): one GenAI client span per
 * provider call. Spring AI 1.1 models run tool calls themselves and call the provider again from inside
 * {@code call}/{@code stream}; {@link ToolExecutionInstrumentation} ends a round's span when its tools run and
 * {@link ToolContinuationInstrumentation} starts the next round's, so each round has one span. Disable
 * with {@code -Dotel.instrumentation.boxscore-spring-ai.enabled=false}.
 */
public final class SpringAiInstrumentationModule extends InstrumentationModule {
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
      "dev.boxscore.otel.ext.springai.ContextFlux",
      "dev.boxscore.otel.ext.springai.RecordAccess",
      "dev.boxscore.otel.ext.springai.SpringAiCall",
      "dev.boxscore.otel.ext.springai.SpringAiCall$Option",
      "dev.boxscore.otel.ext.springai.SpringAiChain",
      "dev.boxscore.otel.ext.springai.SpringAiErrors",
      "dev.boxscore.otel.ext.springai.SpringAiUsage",
      "dev.boxscore.otel.ext.springai.StockTracedClient",
      "dev.boxscore.otel.ext.springai.TracingChatFlux",
      "dev.boxscore.otel.ext.springai.TracingChatSubscriber");

  public SpringAiInstrumentationModule() {
    super("boxscore-spring-ai", "boxscore-spring-ai-1");
  }

  @Override
  public ElementMatcher.Junction<ClassLoader> classLoaderMatcher() {
    // Strict: the API this module was compiled against (present in 1.1 and 2.0).
    return hasClassesNamed(
        "org.springframework.ai.chat.model.ChatModel",
        "org.springframework.ai.chat.model.StreamingChatModel",
        "org.springframework.ai.chat.prompt.Prompt",
        "org.springframework.ai.chat.model.ChatResponse",
        "org.springframework.ai.model.tool.ToolCallingChatOptions",
        "reactor.core.publisher.Flux");
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return Arrays.<TypeInstrumentation>asList(new ChatModelCallInstrumentation(), new ChatModelStreamInstrumentation(),
        new ToolContinuationInstrumentation(), new ToolExecutionInstrumentation());
  }

  @Override
  public List<String> getAdditionalHelperClassNames() {
    return HELPERS;
  }
}
