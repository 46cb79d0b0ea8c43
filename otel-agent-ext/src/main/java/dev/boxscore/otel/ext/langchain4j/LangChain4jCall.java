package dev.boxscore.otel.ext.langchain4j;

import dev.boxscore.otel.ext.common.ExtensionConfig;
import dev.boxscore.otel.ext.common.GenAiKeys;
import dev.boxscore.otel.ext.common.LlmSpan;
import dev.boxscore.otel.ext.common.MessagesWriter;
import dev.boxscore.otel.ext.common.PromptFingerprint;
import dev.boxscore.otel.ext.common.Redactor;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One LangChain4j chat call: maps its request and response onto an {@link LlmSpan}. Never throws.
 */
public final class LangChain4jCall {
  private static final String SCOPE = "dev.boxscore.otel.langchain4j";

  private final LlmSpan span;

  private LangChain4jCall(LlmSpan span) {
    this.span = span;
  }

  /**
   * Starts the span for {@code request} sent by {@code model}; null when not traced or on any
   * failure.
   */
  public static LangChain4jCall start(Object model, Object request, boolean streaming) {
    try {
      if (!(request instanceof ChatRequest)) {
        return null;
      }
      ChatRequest chat = (ChatRequest) request;
      LlmSpan span = LlmSpan.start(SCOPE, "chat", provider(model), chat.modelName(), streaming);
      if (span == null) {
        return null;
      }
      span.setLong(GenAiKeys.REQUEST_MAX_TOKENS, chat.maxOutputTokens());
      span.set(GenAiKeys.REQUEST_TEMPERATURE, chat.temperature());
      span.set(GenAiKeys.REQUEST_TOP_P, chat.topP());
      span.setLong(GenAiKeys.REQUEST_TOP_K, chat.topK());
      span.set(GenAiKeys.REQUEST_FREQUENCY_PENALTY, chat.frequencyPenalty());
      span.set(GenAiKeys.REQUEST_PRESENCE_PENALTY, chat.presencePenalty());
      List<String> stops = chat.stopSequences();
      if (stops != null && !stops.isEmpty()) {
        span.set(GenAiKeys.REQUEST_STOP_SEQUENCES, stops);
      }
      List<ToolSpecification> tools = chat.toolSpecifications();
      if (tools != null && !tools.isEmpty()) {
        List<String> names = new ArrayList<String>(tools.size());
        for (ToolSpecification tool : tools) {
          names.add(tool.name());
        }
        span.set(GenAiKeys.TOOL_NAMES, names);
      }
      List<ChatMessage> messages =
          chat.messages() == null ? Collections.<ChatMessage>emptyList() : chat.messages();
      span.set(GenAiKeys.PROMPT_FINGERPRINT, PromptFingerprint.of(systemText(messages)));
      ExtensionConfig config = ExtensionConfig.get();
      if (config.captureContent()) {
        span.set(GenAiKeys.INPUT_MESSAGES, inputMessages(messages, Redactor.fromConfig(config)));
      }
      return new LangChain4jCall(span);
    } catch (Throwable t) {
      return null;
    }
  }

  public void attach() {
    try {
      span.attach();
    } catch (Throwable t) {
      // never into user code
    }
  }

  public void detach() {
    try {
      span.detach();
    } catch (Throwable t) {
      // never into user code
    }
  }

  public void firstChunk() {
    try {
      span.firstChunk();
    } catch (Throwable t) {
      // never into user code
    }
  }

  /** Ends the span with the response, or with the error when there is one. */
  public void end(ChatResponse response, Throwable error) {
    try {
      if (error != null) {
        span.endWithError(error, errorType(error));
        return;
      }
      if (response != null) {
        recordResponse(response);
      }
      span.end();
    } catch (Throwable t) {
      span.end();
    }
  }

  private void recordResponse(ChatResponse response) {
    span.set(GenAiKeys.RESPONSE_ID, response.id());
    span.set(GenAiKeys.RESPONSE_MODEL, response.modelName());
    String finish = finishReason(response.finishReason());
    if (finish != null) {
      span.set(GenAiKeys.RESPONSE_FINISH_REASONS, Collections.singletonList(finish));
    }
    TokenUsage usage = response.tokenUsage();
    if (usage != null) {
      span.setLong(GenAiKeys.USAGE_INPUT_TOKENS, usage.inputTokenCount());
      span.setLong(GenAiKeys.USAGE_OUTPUT_TOKENS, usage.outputTokenCount());
      span.setLong(GenAiKeys.USAGE_CACHE_READ_INPUT_TOKENS, UsageDetails.cachedInputTokens(usage));
      span.setLong(
          GenAiKeys.USAGE_REASONING_OUTPUT_TOKENS, UsageDetails.reasoningOutputTokens(usage));
    }
    ExtensionConfig config = ExtensionConfig.get();
    AiMessage message = response.aiMessage();
    if (config.captureContent() && message != null) {
      MessagesWriter out = new MessagesWriter(Redactor.fromConfig(config)).message("assistant");
      writeAi(out, message);
      span.set(GenAiKeys.OUTPUT_MESSAGES, out.finishReason(finish).finish());
    }
  }

  static String provider(Object model) {
    ModelProvider provider = null;
    if (model instanceof ChatModel) {
      provider = ((ChatModel) model).provider();
    } else if (model instanceof StreamingChatModel) {
      provider = ((StreamingChatModel) model).provider();
    }
    if (provider == null) {
      return null;
    }
    String name = provider.name();
    if ("OPEN_AI".equals(name)) {
      return "openai";
    } else if ("AZURE_OPEN_AI".equals(name)) {
      return "azure.ai.openai";
    } else if ("ANTHROPIC".equals(name)) {
      return "anthropic";
    } else if ("AMAZON_BEDROCK".equals(name)) {
      return "aws.bedrock";
    } else if ("GOOGLE_AI_GEMINI".equals(name)) {
      return "gcp.gemini";
    } else if ("GOOGLE_VERTEX_AI_GEMINI".equals(name)
        || "GOOGLE_VERTEX_AI_ANTHROPIC".equals(name)) {
      return "gcp.vertex_ai";
    } else if ("MISTRAL_AI".equals(name)) {
      return "mistral_ai";
    } else if ("WATSONX".equals(name)) {
      return "ibm.watsonx.ai";
    }
    return name.toLowerCase(java.util.Locale.ROOT);
  }

  static String finishReason(FinishReason reason) {
    if (reason == null) {
      return null;
    }
    // by name, not a switch on the enum (that compiles to a synthetic class), and without
    // lower-casing a copy
    String name = reason.name();
    if ("STOP".equals(name)) {
      return "stop";
    } else if ("LENGTH".equals(name)) {
      return "length";
    } else if ("TOOL_EXECUTION".equals(name)) {
      return "tool_calls";
    } else if ("CONTENT_FILTER".equals(name)) {
      return "content_filter";
    }
    return name.toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * The provider's HTTP status when LangChain4j reports one (possibly as the cause), else the
   * exception class.
   */
  static String errorType(Throwable error) {
    Throwable cause = error;
    for (int depth = 0; cause != null && depth < 5; depth++, cause = cause.getCause()) {
      if (cause instanceof HttpException) {
        return Integer.toString(((HttpException) cause).statusCode());
      }
    }
    return error.getClass().getName();
  }

  static String systemText(List<ChatMessage> messages) {
    StringBuilder text = null;
    for (ChatMessage message : messages) {
      if (message instanceof SystemMessage) {
        if (text == null) {
          text = new StringBuilder();
        } else {
          text.append('\n');
        }
        text.append(((SystemMessage) message).text());
      }
    }
    return text == null ? null : text.toString();
  }

  static String inputMessages(List<ChatMessage> messages, Redactor redactor) {
    MessagesWriter out = new MessagesWriter(redactor);
    for (ChatMessage message : messages) {
      if (message instanceof SystemMessage) {
        out.message("system").text(((SystemMessage) message).text());
      } else if (message instanceof UserMessage) {
        out.message("user");
        for (Content content : ((UserMessage) message).contents()) {
          if (content instanceof TextContent) {
            out.text(((TextContent) content).text());
          }
        }
      } else if (message instanceof AiMessage) {
        writeAi(out.message("assistant"), (AiMessage) message);
      } else if (message instanceof ToolExecutionResultMessage) {
        ToolExecutionResultMessage result = (ToolExecutionResultMessage) message;
        out.message("tool").toolResult(result.id(), result.text());
      }
    }
    return out.finish();
  }

  private static void writeAi(MessagesWriter out, AiMessage message) {
    out.text(message.text());
    List<ToolExecutionRequest> requests = message.toolExecutionRequests();
    if (requests != null) {
      for (ToolExecutionRequest request : requests) {
        out.toolCall(request.id(), request.name(), request.arguments());
      }
    }
  }
}
