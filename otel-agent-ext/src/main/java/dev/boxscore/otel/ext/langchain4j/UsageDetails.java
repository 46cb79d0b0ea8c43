package dev.boxscore.otel.ext.langchain4j;

import java.lang.reflect.Method;

/**
 * Cache-read and reasoning token counts from provider-specific {@code TokenUsage} subclasses
 * (OpenAI's {@code inputTokensDetails().cachedTokens()}, {@code
 * outputTokensDetails().reasoningTokens()}), found by method name so the extension needs none of
 * the provider modules. Lookups are cached per class.
 */
final class UsageDetails {
  private static final ClassValue<Method[]> ACCESSORS =
      new ClassValue<Method[]>() {
        @Override
        protected Method[] computeValue(Class<?> type) {
          return new Method[] {find(type, "inputTokensDetails"), find(type, "outputTokensDetails")};
        }
      };

  /** The count accessor ({@code cachedTokens}, {@code reasoningTokens}) of each details class. */
  private static final ClassValue<Method[]> COUNTS =
      new ClassValue<Method[]>() {
        @Override
        protected Method[] computeValue(Class<?> type) {
          return new Method[] {find(type, "cachedTokens"), find(type, "reasoningTokens")};
        }
      };

  private UsageDetails() {}

  /**
   * The usage class {@link OpenAiUsage} reads without reflection, once seen; null before or when it
   * cannot.
   */
  private static volatile Class<?> openAiUsageClass;

  private static volatile boolean openAiUsageUnlinkable;

  static Integer cachedInputTokens(Object usage) {
    if (isOpenAiUsage(usage)) {
      try {
        return OpenAiUsage.cachedInputTokens(usage);
      } catch (Throwable t) {
        openAiUsageUnlinkable = true;
      }
    }
    return nested(usage, 0);
  }

  static Integer reasoningOutputTokens(Object usage) {
    if (isOpenAiUsage(usage)) {
      try {
        return OpenAiUsage.reasoningOutputTokens(usage);
      } catch (Throwable t) {
        openAiUsageUnlinkable = true;
      }
    }
    return nested(usage, 1);
  }

  private static boolean isOpenAiUsage(Object usage) {
    if (openAiUsageUnlinkable || usage == null) {
      return false;
    }
    Class<?> type = usage.getClass();
    if (type == openAiUsageClass) {
      return true;
    }
    if (type.getName().equals(OpenAiUsage.CLASS_NAME)) {
      openAiUsageClass = type;
      return true;
    }
    return false;
  }

  private static Integer nested(Object usage, int index) {
    try {
      Method details = ACCESSORS.get(usage.getClass())[index];
      if (details == null) {
        return null;
      }
      Object value = details.invoke(usage);
      if (value == null) {
        return null;
      }
      Method count = COUNTS.get(value.getClass())[index];
      Object result = count == null ? null : count.invoke(value);
      return result instanceof Integer ? (Integer) result : null;
    } catch (Throwable t) {
      return null;
    }
  }

  private static Method find(Class<?> type, String name) {
    try {
      Method method = type.getMethod(name);
      method.setAccessible(true);
      return method;
    } catch (Throwable t) {
      return null;
    }
  }
}
