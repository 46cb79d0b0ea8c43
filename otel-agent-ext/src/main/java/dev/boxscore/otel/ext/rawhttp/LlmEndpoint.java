package dev.boxscore.otel.ext.rawhttp;

import java.util.Locale;

/**
 * Which LLM API a raw HTTP request calls, recognized by method and path alone (so OpenAI-compatible gateways,
 * Azure deployments and local servers count too): {@code POST …/chat/completions}, {@code …/v1/completions},
 * {@code …/v1/responses}, {@code …/embeddings} (OpenAI dialect) and {@code …/v1/messages} (Anthropic dialect).
 */
public final class LlmEndpoint {
  static final int OPENAI_CHAT = 1;
  static final int OPENAI_COMPLETIONS = 2;
  static final int OPENAI_RESPONSES = 3;
  static final int OPENAI_EMBEDDINGS = 4;
  static final int ANTHROPIC_MESSAGES = 5;

  final int api;
  final String operation;
  final String provider;

  private LlmEndpoint(int api, String operation, String provider) {
    this.api = api;
    this.operation = operation;
    this.provider = provider;
  }

  /** The endpoint {@code method path} on {@code host} calls, or null when it is no LLM API. */
  public static LlmEndpoint detect(String method, String host, String path) {
    if (!"POST".equalsIgnoreCase(method) || path == null) {
      return null;
    }
    String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    if (p.endsWith("/chat/completions")) {
      return new LlmEndpoint(OPENAI_CHAT, "chat", openAiCompatibleProvider(host));
    } else if (p.endsWith("/v1/messages")) {
      return new LlmEndpoint(ANTHROPIC_MESSAGES, "chat", "anthropic");
    } else if (p.endsWith("/v1/responses")) {
      return new LlmEndpoint(OPENAI_RESPONSES, "chat", openAiCompatibleProvider(host));
    } else if (p.endsWith("/embeddings")) {
      return new LlmEndpoint(OPENAI_EMBEDDINGS, "embeddings", openAiCompatibleProvider(host));
    } else if (p.endsWith("/v1/completions")) {
      return new LlmEndpoint(OPENAI_COMPLETIONS, "text_completion", openAiCompatibleProvider(host));
    }
    return null;
  }

  /** The GenAI provider name of well-known hosts speaking the OpenAI dialect; any other host is "openai". */
  static String openAiCompatibleProvider(String host) {
    String h = host == null ? "" : host.toLowerCase(Locale.ROOT);
    if (h.endsWith(".openai.azure.com")) {
      return "azure.ai.openai";
    } else if (h.endsWith("api.groq.com")) {
      return "groq";
    } else if (h.endsWith("api.deepseek.com")) {
      return "deepseek";
    } else if (h.endsWith("api.mistral.ai")) {
      return "mistral_ai";
    } else if (h.endsWith("api.x.ai")) {
      return "x_ai";
    } else if (h.endsWith("generativelanguage.googleapis.com")) {
      return "gcp.gemini";
    } else if (h.endsWith("api.perplexity.ai")) {
      return "perplexity";
    } else if (h.endsWith("api.moonshot.ai")) {
      return "moonshot_ai";
    }
    return "openai";
  }

  boolean isAnthropic() {
    return api == ANTHROPIC_MESSAGES;
  }
}
