package dev.boxscore.otel.ext.springai;

import java.lang.reflect.Method;
import java.util.Optional;
import org.springframework.ai.chat.metadata.Usage;

/**
 * Cache-read and reasoning token counts, which Spring AI's {@code Usage} carries differently per
 * line and provider: 2.0's {@code getCacheReadInputTokens()}, else the provider's own usage object
 * ({@code getNativeUsage()}): Spring AI 1.1's OpenAI {@code promptTokensDetails().cachedTokens()} /
 * {@code completionTokenDetails().reasoningTokens()}, openai-java's {@code promptTokensDetails()} /
 * {@code completionTokensDetails()} (Optionals), Anthropic's {@code cacheReadInputTokens()}. Found
 * by method name, so no provider module is needed; null when not reported.
 */
final class SpringAiUsage {
  private SpringAiUsage() {}

  static Integer cacheReadInputTokens(Usage usage) {
    Integer direct = number(invoke(usage, "getCacheReadInputTokens"));
    if (direct != null) {
      return direct;
    }
    Object nativeUsage = nativeUsage(usage);
    Integer openAi = number(invoke(invoke(nativeUsage, "promptTokensDetails"), "cachedTokens"));
    return openAi != null ? openAi : number(invoke(nativeUsage, "cacheReadInputTokens"));
  }

  static Integer reasoningOutputTokens(Usage usage) {
    Object nativeUsage = nativeUsage(usage);
    Integer springAi =
        number(invoke(invoke(nativeUsage, "completionTokenDetails"), "reasoningTokens"));
    return springAi != null
        ? springAi
        : number(invoke(invoke(nativeUsage, "completionTokensDetails"), "reasoningTokens"));
  }

  private static Object nativeUsage(Usage usage) {
    try {
      return usage.getNativeUsage();
    } catch (Throwable t) {
      return null;
    }
  }

  /** Calls a public no-argument method; Optionals are unwrapped; null when absent or failing. */
  private static Object invoke(Object target, String name) {
    if (target == null) {
      return null;
    }
    try {
      Method method = target.getClass().getMethod(name);
      method.setAccessible(true);
      Object value = method.invoke(target);
      if (value instanceof Optional) {
        return ((Optional<?>) value).orElse(null);
      }
      return value;
    } catch (Throwable t) {
      return null;
    }
  }

  private static Integer number(Object value) {
    return value instanceof Number ? Integer.valueOf(((Number) value).intValue()) : null;
  }
}
