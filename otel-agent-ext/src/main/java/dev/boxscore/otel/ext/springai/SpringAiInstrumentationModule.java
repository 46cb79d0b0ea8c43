package dev.boxscore.otel.ext.springai;

import static io.opentelemetry.javaagent.extension.matcher.AgentElementMatchers.hasClassesNamed;
import static io.opentelemetry.javaagent.extension.matcher.AgentElementMatchers.implementsInterface;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.returns;
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
 * Spring AI 1.1 and 2.0 {@code ChatModel.call(Prompt)} / {@code StreamingChatModel.stream(Prompt)}
 * of any provider module (matched by interface and method name, so one instrumentation covers both
 * lines): one GenAI client span per provider call. Spring AI 1.1 models run tool calls themselves
 * and call the provider again from inside {@code call}/{@code stream}; {@link
 * ToolExecutionInstrumentation} ends a round's span when its tools run and {@link
 * ToolContinuationInstrumentation} starts the next round's, so each round has one span. Disable
 * with {@code -Dotel.instrumentation.boxscore-spring-ai.enabled=false}.
 *
 * <p>The module is its own type instrumentation and names its advice classes as strings: each class
 * the agent loads from an extension at start-up costs about a millisecond (BENCHMARKS.md); advice
 * is read only when it is applied.
 */
public final class SpringAiInstrumentationModule extends InstrumentationModule
    implements TypeInstrumentation {
  private static final String CHAT_MODEL = "org.springframework.ai.chat.model.ChatModel";
  private static final String STREAMING_CHAT_MODEL =
      "org.springframework.ai.chat.model.StreamingChatModel";
  private static final String TOOL_CALLING_MANAGER =
      "org.springframework.ai.model.tool.ToolCallingManager";
  private static final String PROMPT = "org.springframework.ai.chat.prompt.Prompt";
  private static final String CHAT_RESPONSE = "org.springframework.ai.chat.model.ChatResponse";
  private static final String ADVICE = "dev.boxscore.otel.ext.springai.";

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
          "dev.boxscore.otel.ext.springai.ContextFlux",
          "dev.boxscore.otel.ext.springai.RecordAccess",
          "dev.boxscore.otel.ext.springai.SpringAiCall",
          "dev.boxscore.otel.ext.springai.SpringAiChain",
          "dev.boxscore.otel.ext.springai.SpringAiErrors",
          "dev.boxscore.otel.ext.springai.SpringAiMessages",
          "dev.boxscore.otel.ext.springai.SpringAiOptions",
          "dev.boxscore.otel.ext.springai.SpringAiOptions$Option",
          "dev.boxscore.otel.ext.springai.SpringAiStream",
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
        CHAT_MODEL,
        STREAMING_CHAT_MODEL,
        PROMPT,
        CHAT_RESPONSE,
        "org.springframework.ai.model.tool.ToolCallingChatOptions",
        "reactor.core.publisher.Flux");
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return Collections.<TypeInstrumentation>singletonList(this);
  }

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return implementsInterface(namedOneOf(CHAT_MODEL, STREAMING_CHAT_MODEL, TOOL_CALLING_MANAGER))
        .and(not(isInterface()));
  }

  @Override
  public void transform(TypeTransformer transformer) {
    transformer.applyAdviceToMethod(
        named("call")
            .and(takesArguments(1))
            .and(takesArgument(0, named(PROMPT)))
            .and(not(isAbstract())),
        ADVICE + "ChatModelCallInstrumentation$CallAdvice");
    transformer.applyAdviceToMethod(
        named("stream")
            .and(takesArguments(1))
            .and(takesArgument(0, named(PROMPT)))
            .and(returns(named("reactor.core.publisher.Flux")))
            .and(not(isAbstract())),
        ADVICE + "ChatModelStreamInstrumentation$StreamAdvice");
    transformer.applyAdviceToMethod(
        namedOneOf("internalCall", "internalStream")
            .and(takesArguments(2))
            .and(takesArgument(0, named(PROMPT)))
            .and(takesArgument(1, named(CHAT_RESPONSE)))
            .and(not(isAbstract())),
        ADVICE + "ToolContinuationInstrumentation$ContinuationAdvice");
    transformer.applyAdviceToMethod(
        named("executeToolCalls")
            .and(takesArguments(2))
            .and(takesArgument(0, named(PROMPT)))
            .and(takesArgument(1, named(CHAT_RESPONSE)))
            .and(not(isAbstract())),
        ADVICE + "ToolExecutionInstrumentation$ExecuteToolCallsAdvice");
  }

  @Override
  public List<String> getAdditionalHelperClassNames() {
    return HELPERS;
  }
}
