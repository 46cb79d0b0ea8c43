package dev.boxscore.otel.ext.springai;

import dev.boxscore.otel.ext.common.ExtensionConfig;
import dev.boxscore.otel.ext.common.GenAiKeys;
import dev.boxscore.otel.ext.common.LlmSpan;
import dev.boxscore.otel.ext.common.MessagesWriter;
import dev.boxscore.otel.ext.common.PromptFingerprint;
import dev.boxscore.otel.ext.common.Redactor;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.MessageType;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.tool.ToolCallback;
import reactor.core.publisher.Flux;

/**
 * One provider call of a Spring AI model: maps the {@code Prompt} (merged with the model's default options) and the
 * {@code ChatResponse} (or, for streams, its elements) onto an {@link LlmSpan}. Never throws.
 */
public final class SpringAiCall {
  private static final String SCOPE = "dev.boxscore.otel.spring-ai";

  private final LlmSpan span;
  private final Context context;
  private final boolean streaming;
  /** Spring AI 1.1 continuations report usage summed over the rounds before: this call's share is the difference. */
  private final Integer basePromptTokens;
  private final Integer baseCompletionTokens;
  private Scope scope;

  // stream state: the latest values the elements carried
  private volatile String streamId;
  private volatile String streamModel;
  private volatile Usage streamUsage;
  private final List<String> streamFinishReasons = Collections.synchronizedList(new ArrayList<String>());
  private final StringBuilder streamText = new StringBuilder();
  private final List<Object> streamToolCalls = Collections.synchronizedList(new ArrayList<Object>());

  private SpringAiCall(LlmSpan span, SpringAiChain chain, boolean streaming, ChatResponse previous) {
    this.span = span;
    this.context = span.context().with(SpringAiChain.KEY, chain);
    this.streaming = streaming;
    Usage base = usage(previous);
    this.basePromptTokens = base == null ? null : base.getPromptTokens();
    this.baseCompletionTokens = base == null ? null : base.getCompletionTokens();
  }

  /** Starts the span under the current context; null when already inside an LLM call or on any failure. */
  static SpringAiCall start(SpringAiChain chain, Object model, Object promptObject, boolean streaming,
      ChatResponse previous) {
    try {
      if (!(promptObject instanceof Prompt)) {
        return null;
      }
      Prompt prompt = (Prompt) promptObject;
      ChatOptions options = prompt.getOptions();
      ChatOptions defaults = model instanceof ChatModel ? ((ChatModel) model).getDefaultOptions() : null;
      LlmSpan span = LlmSpan.start(SCOPE, "chat", provider(model), (String) option(options, defaults, Option.MODEL),
          streaming);
      if (span == null) {
        return null;
      }
      Object maxTokens = option(options, defaults, Option.MAX_TOKENS);
      span.setLong(GenAiKeys.REQUEST_MAX_TOKENS, maxTokens instanceof Integer ? (Integer) maxTokens : null);
      span.set(GenAiKeys.REQUEST_TEMPERATURE, (Double) option(options, defaults, Option.TEMPERATURE));
      span.set(GenAiKeys.REQUEST_TOP_P, (Double) option(options, defaults, Option.TOP_P));
      Object topK = option(options, defaults, Option.TOP_K);
      span.setLong(GenAiKeys.REQUEST_TOP_K, topK instanceof Integer ? (Integer) topK : null);
      span.set(GenAiKeys.REQUEST_FREQUENCY_PENALTY, (Double) option(options, defaults, Option.FREQUENCY_PENALTY));
      span.set(GenAiKeys.REQUEST_PRESENCE_PENALTY, (Double) option(options, defaults, Option.PRESENCE_PENALTY));
      @SuppressWarnings("unchecked")
      List<String> stops = (List<String>) option(options, defaults, Option.STOP_SEQUENCES);
      if (stops != null && !stops.isEmpty()) {
        span.set(GenAiKeys.REQUEST_STOP_SEQUENCES, new ArrayList<String>(stops));
      }
      List<String> tools = toolNames(options);
      if (tools.isEmpty()) {
        tools = toolNames(defaults);
      }
      if (!tools.isEmpty()) {
        span.set(GenAiKeys.TOOL_NAMES, tools);
      }
      List<Message> messages = prompt.getInstructions() == null
          ? Collections.<Message>emptyList() : prompt.getInstructions();
      span.set(GenAiKeys.PROMPT_FINGERPRINT, PromptFingerprint.of(systemText(messages)));
      ExtensionConfig config = ExtensionConfig.get();
      if (config.captureContent()) {
        span.set(GenAiKeys.INPUT_MESSAGES, inputMessages(messages, Redactor.fromConfig(config)));
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

  /** Ends this round with the response the next round was started from (Spring AI 1.1 tool continuations). */
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
      ChatResponseMetadata metadata = response.getMetadata();
      if (metadata != null) {
        if (notBlank(metadata.getId())) {
          streamId = metadata.getId();
        }
        if (notBlank(metadata.getModel())) {
          streamModel = metadata.getModel();
        }
        Usage usage = metadata.getUsage();
        if (usage != null && (positive(usage.getPromptTokens()) || positive(usage.getCompletionTokens()))) {
          streamUsage = usage;
        }
      }
      List<Generation> results = response.getResults();
      if (results != null) {
        for (Generation generation : results) {
          String reason = finishReason(generation);
          if (reason != null) {
            streamFinishReasons.add(reason);
          }
          AssistantMessage output = generation.getOutput();
          if (output != null) {
            // the time to the first token: an element with text or a tool call, not the provider's opening
            // role-only chunk (OpenAI sends one at once)
            if ((output.getText() != null && !output.getText().isEmpty())
                || (output.getToolCalls() != null && !output.getToolCalls().isEmpty())) {
              span.firstChunk();
            }
            if (output.getText() != null && ExtensionConfig.get().captureContent()) {
              synchronized (streamText) {
                streamText.append(output.getText());
              }
            }
            if (output.getToolCalls() != null) {
              streamToolCalls.addAll(output.getToolCalls());
            }
          }
        }
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
      span.set(GenAiKeys.RESPONSE_ID, streamId);
      span.set(GenAiKeys.RESPONSE_MODEL, streamModel);
      List<String> reasons;
      synchronized (streamFinishReasons) {
        reasons = new ArrayList<String>(streamFinishReasons);
      }
      if (!reasons.isEmpty()) {
        span.set(GenAiKeys.RESPONSE_FINISH_REASONS, reasons);
      }
      recordUsage(streamUsage);
      ExtensionConfig config = ExtensionConfig.get();
      if (config.captureContent()) {
        String text;
        synchronized (streamText) {
          text = streamText.length() == 0 ? null : streamText.toString();
        }
        MessagesWriter out = new MessagesWriter(Redactor.fromConfig(config)).message("assistant").text(text);
        synchronized (streamToolCalls) {
          for (Object call : streamToolCalls) {
            toolCall(out, call);
          }
        }
        span.set(GenAiKeys.OUTPUT_MESSAGES, out.finishReason(reasons.isEmpty() ? null : reasons.get(0)).finish());
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
    List<Generation> results = response.getResults() == null
        ? Collections.<Generation>emptyList() : response.getResults();
    List<String> reasons = new ArrayList<String>();
    for (Generation generation : results) {
      String reason = finishReason(generation);
      if (reason != null) {
        reasons.add(reason);
      }
    }
    if (!reasons.isEmpty()) {
      span.set(GenAiKeys.RESPONSE_FINISH_REASONS, reasons);
    }
    ExtensionConfig config = ExtensionConfig.get();
    if (config.captureContent() && !results.isEmpty()) {
      MessagesWriter out = new MessagesWriter(Redactor.fromConfig(config));
      for (Generation generation : results) {
        out.message("assistant");
        writeAssistant(out, generation.getOutput());
        out.finishReason(finishReason(generation));
      }
      span.set(GenAiKeys.OUTPUT_MESSAGES, out.finish());
    }
  }

  private void recordUsage(Usage usage) {
    if (usage == null) {
      return;
    }
    span.setLong(GenAiKeys.USAGE_INPUT_TOKENS, minus(usage.getPromptTokens(), basePromptTokens));
    span.setLong(GenAiKeys.USAGE_OUTPUT_TOKENS, minus(usage.getCompletionTokens(), baseCompletionTokens));
    span.setLong(GenAiKeys.USAGE_CACHE_READ_INPUT_TOKENS, SpringAiUsage.cacheReadInputTokens(usage));
    span.setLong(GenAiKeys.USAGE_REASONING_OUTPUT_TOKENS, SpringAiUsage.reasoningOutputTokens(usage));
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

  private static String finishReason(Generation generation) {
    if (generation == null || generation.getMetadata() == null) {
      return null;
    }
    String reason = generation.getMetadata().getFinishReason();
    return notBlank(reason) ? reason.toLowerCase(Locale.ROOT) : null;
  }

  /** The provider of a Spring AI model, from its class name ({@code OpenAiChatModel} → {@code openai}). */
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

  private enum Option { MODEL, MAX_TOKENS, TEMPERATURE, TOP_P, TOP_K, FREQUENCY_PENALTY, PRESENCE_PENALTY,
    STOP_SEQUENCES }

  /** The request's value of an option, else the model's default (what the model will send). */
  private static Object option(ChatOptions request, ChatOptions defaults, Option option) {
    Object value = request == null ? null : read(request, option);
    return value != null ? value : defaults == null ? null : read(defaults, option);
  }

  private static Object read(ChatOptions options, Option option) {
    try {
      if (option == Option.MODEL) {
        return emptyToNull(options.getModel());
      } else if (option == Option.MAX_TOKENS) {
        return options.getMaxTokens();
      } else if (option == Option.TEMPERATURE) {
        return options.getTemperature();
      } else if (option == Option.TOP_P) {
        return options.getTopP();
      } else if (option == Option.TOP_K) {
        return options.getTopK();
      } else if (option == Option.FREQUENCY_PENALTY) {
        return options.getFrequencyPenalty();
      } else if (option == Option.PRESENCE_PENALTY) {
        return options.getPresencePenalty();
      }
      return options.getStopSequences();
    } catch (Throwable t) {
      // some option classes throw for what their provider does not support
      return null;
    }
  }

  private static List<String> toolNames(ChatOptions options) {
    List<String> names = new ArrayList<String>();
    if (options instanceof ToolCallingChatOptions) {
      List<ToolCallback> callbacks = ((ToolCallingChatOptions) options).getToolCallbacks();
      if (callbacks != null) {
        for (ToolCallback callback : callbacks) {
          if (callback != null && callback.getToolDefinition() != null) {
            names.add(callback.getToolDefinition().name());
          }
        }
      }
    }
    return names;
  }

  static String systemText(List<Message> messages) {
    StringBuilder text = null;
    for (Message message : messages) {
      if (message != null && message.getMessageType() == MessageType.SYSTEM) {
        if (text == null) {
          text = new StringBuilder();
        } else {
          text.append('\n');
        }
        text.append(message.getText());
      }
    }
    return text == null ? null : text.toString();
  }

  static String inputMessages(List<Message> messages, Redactor redactor) {
    MessagesWriter out = new MessagesWriter(redactor);
    for (Message message : messages) {
      if (message == null) {
        continue;
      }
      MessageType type = message.getMessageType();
      if (type == MessageType.SYSTEM) {
        out.message("system").text(message.getText());
      } else if (type == MessageType.USER) {
        out.message("user").text(message.getText());
      } else if (type == MessageType.ASSISTANT) {
        out.message("assistant");
        writeAssistant(out, message instanceof AssistantMessage ? (AssistantMessage) message : null);
      } else if (type == MessageType.TOOL && message instanceof ToolResponseMessage) {
        out.message("tool");
        for (Object response : ((ToolResponseMessage) message).getResponses()) {
          out.toolResult(RecordAccess.string(response, "id"), RecordAccess.string(response, "responseData"));
        }
      }
    }
    return out.finish();
  }

  private static void writeAssistant(MessagesWriter out, AssistantMessage message) {
    if (message == null) {
      return;
    }
    if (notBlank(message.getText())) {
      out.text(message.getText());
    }
    if (message.getToolCalls() != null) {
      for (Object call : message.getToolCalls()) {
        toolCall(out, call);
      }
    }
  }

  /** Spring AI's tool call is a record, which Java 8 bytecode cannot name: read by accessor name. */
  private static void toolCall(MessagesWriter out, Object call) {
    out.toolCall(RecordAccess.string(call, "id"), RecordAccess.string(call, "name"),
        RecordAccess.string(call, "arguments"));
  }

  private static boolean positive(Integer value) {
    return value != null && value > 0;
  }

  private static boolean notBlank(String value) {
    return value != null && !value.trim().isEmpty();
  }

  private static String emptyToNull(String value) {
    return notBlank(value) ? value : null;
  }
}
