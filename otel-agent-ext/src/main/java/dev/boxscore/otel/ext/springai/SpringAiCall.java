package dev.boxscore.otel.ext.springai;

import dev.boxscore.otel.ext.common.ExtensionConfig;
import dev.boxscore.otel.ext.common.GenAiKeys;
import dev.boxscore.otel.ext.common.LlmSpan;
import dev.boxscore.otel.ext.common.PromptFingerprint;
import dev.boxscore.otel.ext.common.Redactor;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import reactor.core.publisher.Flux;

/**
 * One provider call of a Spring AI model: maps the {@code Prompt} (merged with the model's default
 * options) and the {@code ChatResponse} (or, for streams, its elements) onto an {@link LlmSpan}.
 * Never throws. The options, the messages and a stream's state are {@link SpringAiOptions}, {@link
 * SpringAiMessages} and {@link SpringAiStream}.
 */
public final class SpringAiCall {
  private static final String SCOPE = "dev.boxscore.otel.spring-ai";

  private final LlmSpan span;
  private final Context context;
  private final boolean streaming;

  /**
   * Spring AI 1.1 continuations report usage summed over the rounds before: this call's share is
   * the difference.
   */
  private final Integer basePromptTokens;

  private final Integer baseCompletionTokens;
  private Scope scope;
  private final SpringAiStream stream = new SpringAiStream();

  private SpringAiCall(
      LlmSpan span, SpringAiChain chain, boolean streaming, ChatResponse previous) {
    this.span = span;
    this.context = span.context().with(SpringAiChain.KEY, chain);
    this.streaming = streaming;
    Usage base = usage(previous);
    this.basePromptTokens = base == null ? null : base.getPromptTokens();
    this.baseCompletionTokens = base == null ? null : base.getCompletionTokens();
  }

  /**
   * Starts the span under the current context; null when already inside an LLM call or on any
   * failure.
   */
  static SpringAiCall start(
      SpringAiChain chain,
      Object model,
      Object promptObject,
      boolean streaming,
      ChatResponse previous) {
    try {
      if (!(promptObject instanceof Prompt)) {
        return null;
      }
      Prompt prompt = (Prompt) promptObject;
      ChatOptions options = prompt.getOptions();
      ChatOptions defaults =
          model instanceof ChatModel ? ((ChatModel) model).getDefaultOptions() : null;
      LlmSpan span =
          LlmSpan.start(
              SCOPE, "chat", provider(model), SpringAiOptions.model(options, defaults), streaming);
      if (span == null) {
        return null;
      }
      SpringAiOptions.record(span, options, defaults);
      List<Message> messages =
          prompt.getInstructions() == null
              ? Collections.<Message>emptyList()
              : prompt.getInstructions();
      span.set(
          GenAiKeys.PROMPT_FINGERPRINT,
          PromptFingerprint.of(SpringAiMessages.systemText(messages)));
      ExtensionConfig config = ExtensionConfig.get();
      if (config.captureContent()) {
        span.set(
            GenAiKeys.INPUT_MESSAGES,
            SpringAiMessages.inputMessages(messages, Redactor.fromConfig(config)));
      }
      return new SpringAiCall(span, chain, streaming, previous);
    } catch (Throwable t) {
      return null;
    }
  }

  boolean streaming() {
    return streaming;
  }

  Context context() {
    return context;
  }

  public void attach() {
    try {
      scope = context.makeCurrent();
    } catch (Throwable t) {
      // never into user code
    }
  }

  public void detach() {
    Scope open = scope;
    scope = null;
    if (open != null) {
      try {
        open.close();
      } catch (Throwable t) {
        // never into user code
      }
    }
  }

  /** A continuation's Flux, subscribed with this call's span current; anything else unchanged. */
  @SuppressWarnings("unchecked")
  public Object subscribedInContext(Object result) {
    try {
      if (result instanceof Flux) {
        return new ContextFlux<Object>((Flux<Object>) result, context);
      }
    } catch (Throwable t) {
      // keep the original
    }
    return result;
  }

  /** Ends the span with the response, or with the error when there is one. */
  void end(ChatResponse response, Throwable error) {
    try {
      if (span.ended()) {
        return;
      }
      if (error != null) {
        span.endWithError(error, SpringAiErrors.type(error));
        return;
      }
      if (response != null) {
        recordResponse(response);
      }
    } catch (Throwable t) {
      // the span still ends
    }
    span.end();
  }

  /**
   * Ends this round with the response the next round was started from (Spring AI 1.1 tool
   * continuations).
   */
  void endWith(ChatResponse response) {
    if (streaming) {
      chunk(response);
      endStream(null);
    } else {
      end(response, null);
    }
  }

  void chunk(ChatResponse response) {
    try {
      if (response == null || span.ended()) {
        return;
      }
      if (stream.add(response, ExtensionConfig.get().captureContent())) {
        span.firstChunk();
      }
    } catch (Throwable t) {
      // never into user code
    }
  }

  void endStream(Throwable error) {
    try {
      if (span.ended()) {
        return;
      }
      if (error != null) {
        span.endWithError(error, SpringAiErrors.type(error));
        return;
      }
      span.set(GenAiKeys.RESPONSE_ID, stream.id());
      span.set(GenAiKeys.RESPONSE_MODEL, stream.model());
      List<String> reasons = stream.finishReasons();
      if (!reasons.isEmpty()) {
        span.set(GenAiKeys.RESPONSE_FINISH_REASONS, reasons);
      }
      recordUsage(stream.usage());
      ExtensionConfig config = ExtensionConfig.get();
      if (config.captureContent()) {
        span.set(
            GenAiKeys.OUTPUT_MESSAGES,
            SpringAiMessages.streamedMessages(
                stream.text(),
                stream.toolCalls(),
                reasons.isEmpty() ? null : reasons.get(0),
                Redactor.fromConfig(config)));
      }
    } catch (Throwable t) {
      // the span still ends
    }
    span.end();
  }

  private void recordResponse(ChatResponse response) {
    ChatResponseMetadata metadata = response.getMetadata();
    if (metadata != null) {
      span.set(GenAiKeys.RESPONSE_ID, emptyToNull(metadata.getId()));
      span.set(GenAiKeys.RESPONSE_MODEL, emptyToNull(metadata.getModel()));
      recordUsage(metadata.getUsage());
    }
    List<Generation> results =
        response.getResults() == null ? Collections.<Generation>emptyList() : response.getResults();
    List<String> reasons = new ArrayList<String>();
    for (Generation generation : results) {
      String reason = SpringAiMessages.finishReason(generation);
      if (reason != null) {
        reasons.add(reason);
      }
    }
    if (!reasons.isEmpty()) {
      span.set(GenAiKeys.RESPONSE_FINISH_REASONS, reasons);
    }
    ExtensionConfig config = ExtensionConfig.get();
    if (config.captureContent() && !results.isEmpty()) {
      span.set(
          GenAiKeys.OUTPUT_MESSAGES,
          SpringAiMessages.outputMessages(results, Redactor.fromConfig(config)));
    }
  }

  private void recordUsage(Usage usage) {
    if (usage == null) {
      return;
    }
    span.setLong(GenAiKeys.USAGE_INPUT_TOKENS, minus(usage.getPromptTokens(), basePromptTokens));
    span.setLong(
        GenAiKeys.USAGE_OUTPUT_TOKENS, minus(usage.getCompletionTokens(), baseCompletionTokens));
    span.setLong(
        GenAiKeys.USAGE_CACHE_READ_INPUT_TOKENS, SpringAiUsage.cacheReadInputTokens(usage));
    span.setLong(
        GenAiKeys.USAGE_REASONING_OUTPUT_TOKENS, SpringAiUsage.reasoningOutputTokens(usage));
  }

  private static Integer minus(Integer value, Integer base) {
    if (value == null || base == null) {
      return value;
    }
    return Math.max(0, value - base);
  }

  private static Usage usage(ChatResponse response) {
    if (response == null || response.getMetadata() == null) {
      return null;
    }
    return response.getMetadata().getUsage();
  }

  /**
   * The provider of a Spring AI model, from its class name ({@code OpenAiChatModel} → {@code
   * openai}).
   */
  static String provider(Object model) {
    String name = model.getClass().getSimpleName();
    if (name.startsWith("AzureOpenAi")) {
      return "azure.ai.openai";
    } else if (name.startsWith("OpenAi")) {
      return "openai";
    } else if (name.startsWith("Anthropic")) {
      return "anthropic";
    } else if (name.startsWith("Bedrock")) {
      return "aws.bedrock";
    } else if (name.startsWith("VertexAi")) {
      return "gcp.vertex_ai";
    } else if (name.startsWith("GoogleGenAi")) {
      return "gcp.gen_ai";
    } else if (name.startsWith("MistralAi")) {
      return "mistral_ai";
    } else if (name.startsWith("DeepSeek")) {
      return "deepseek";
    } else if (name.startsWith("Ollama")) {
      return "ollama";
    }
    int suffix = name.indexOf("ChatModel");
    String base = suffix > 0 ? name.substring(0, suffix) : name;
    return base.isEmpty() ? null : base.toLowerCase(Locale.ROOT);
  }

  private static boolean notBlank(String value) {
    return value != null && !value.trim().isEmpty();
  }

  private static String emptyToNull(String value) {
    return notBlank(value) ? value : null;
  }
}
