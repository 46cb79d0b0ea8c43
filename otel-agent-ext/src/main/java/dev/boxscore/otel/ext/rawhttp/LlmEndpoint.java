package dev.boxscore.otel.ext.rawhttp;

import java.util.Locale;

/**
 * Which LLM API a raw HTTP request calls, recognized by method and path alone (so OpenAI-compatible
 * gateways, Azure deployments and local servers count too): {@code POST …/chat/completions}, {@code
 * …/v1/completions}, {@code …/v1/responses}, {@code …/embeddings} (OpenAI dialect) and {@code
 * …/v1/messages} (Anthropic dialect).
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
    switch (api(method, path)) {
      case OPENAI_CHAT:
        return new LlmEndpoint(OPENAI_CHAT, "chat", openAiCompatibleProvider(host));
      case ANTHROPIC_MESSAGES:
        return new LlmEndpoint(ANTHROPIC_MESSAGES, "chat", "anthropic");
      case OPENAI_RESPONSES:
        return new LlmEndpoint(OPENAI_RESPONSES, "chat", openAiCompatibleProvider(host));
      case OPENAI_EMBEDDINGS:
        return new LlmEndpoint(OPENAI_EMBEDDINGS, "embeddings", openAiCompatibleProvider(host));
      case OPENAI_COMPLETIONS:
        return new LlmEndpoint(
            OPENAI_COMPLETIONS, "text_completion", openAiCompatibleProvider(host));
      default:
        return null;
    }
  }

  /**
   * Which API {@code method path} calls, or 0 for none. Runs on every HTTP request of the
   * application, so it allocates nothing: no trimmed copy of the path, no lower-cased host.
   */
  static int api(String method, String path) {
    if (path == null || !"POST".equalsIgnoreCase(method)) {
      return 0;
    }
    int end = path.length();
    if (end > 0 && path.charAt(end - 1) == '/') {
      end--;
    }
    if (endsWith(path, end, "/chat/completions")) {
      return OPENAI_CHAT;
    } else if (endsWith(path, end, "/v1/messages")) {
      return ANTHROPIC_MESSAGES;
    } else if (endsWith(path, end, "/v1/responses")) {
      return OPENAI_RESPONSES;
    } else if (endsWith(path, end, "/embeddings")) {
      return OPENAI_EMBEDDINGS;
    } else if (endsWith(path, end, "/v1/completions")) {
      return OPENAI_COMPLETIONS;
    }
    return 0;
  }

  /** Whether {@code path} cut at {@code end} ends with {@code suffix}. */
  private static boolean endsWith(String path, int end, String suffix) {
    int start = end - suffix.length();
    return start >= 0 && path.regionMatches(start, suffix, 0, suffix.length());
  }

  /**
   * The GenAI provider name of well-known hosts speaking the OpenAI dialect; any other host is
   * "openai".
   */
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
