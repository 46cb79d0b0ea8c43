package dev.boxscore.otel.ext.rawhttp;

import dev.boxscore.otel.ext.common.GenAiKeys;
import dev.boxscore.otel.ext.common.LlmContext;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import java.lang.reflect.Method;

/**
 * Whether a context is already inside an LLM call that some SDK-level instrumentation records: one
 * of Boxscore's own (marked in the context), or any span carrying {@code gen_ai.operation.name} as
 * the current span (the stock agent's openai-java span, the Anthropic SDK's own span, ...). The
 * span API cannot read attributes, so the agent's span object is asked through the SDK's public
 * {@code ReadableSpan.getAttribute} interface method, found reflectively (the SDK lives in the
 * agent's class loader); anything unexpected reads as "no". A current client span (an HTTP call in
 * progress) counts too.
 */
public final class EnclosingLlmCall {
  /**
   * The last span class seen and its method (one span class in practice): {class, method-or-null}.
   */
  private static volatile Object[] cache = new Object[2];

  private EnclosingLlmCall() {}

  public static boolean present(Context context) {
    if (LlmContext.insideLlmCall(context)) {
      return true;
    }
    Span span = Span.fromContextOrNull(context);
    return span != null && (isGenAiSpan(span) || isClientSpan(span));
  }

  /**
   * True when {@code span} is a recording client span: an HTTP client call already in progress on
   * this context (the agent's own HTTP span when its advice runs outside this extension's, inside a
   * framework's LLM call): an LLM request is never sent from inside another client call, so the
   * raw-HTTP layer stays out.
   */
  static boolean isClientSpan(Span span) {
    try {
      if (!span.isRecording()) {
        return false;
      }
      Method getKind = getKindMethod(span.getClass());
      return getKind != null && getKind.invoke(span) == SpanKind.CLIENT;
    } catch (Throwable t) {
      return false;
    }
  }

  private static volatile Object[] kindCache = new Object[2];

  private static Method getKindMethod(Class<?> spanClass) {
    Object[] seen = kindCache;
    if (seen[0] == spanClass) {
      return (Method) seen[1];
    }
    Method found = null;
    Method getAttribute = getAttributeMethod(spanClass);
    if (getAttribute != null) {
      try {
        found = getAttribute.getDeclaringClass().getMethod("getKind");
      } catch (NoSuchMethodException e) {
        found = null;
      }
    }
    kindCache = new Object[] {spanClass, found};
    return found;
  }

  /** True when {@code span} is a recording span with {@code gen_ai.operation.name} set. */
  public static boolean isGenAiSpan(Span span) {
    try {
      if (!span.isRecording()) {
        return false;
      }
      Method getAttribute = getAttributeMethod(span.getClass());
      return getAttribute != null && getAttribute.invoke(span, GenAiKeys.OPERATION_NAME) != null;
    } catch (Throwable t) {
      return false;
    }
  }

  private static Method getAttributeMethod(Class<?> spanClass) {
    Object[] seen = cache;
    if (seen[0] == spanClass) {
      return (Method) seen[1];
    }
    Method found = findInInterfaces(spanClass);
    cache = new Object[] {spanClass, found};
    return found;
  }

  /**
   * {@code getAttribute(AttributeKey)} as declared by a public interface (the span class itself is
   * not public).
   */
  private static Method findInInterfaces(Class<?> type) {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      for (Class<?> i : c.getInterfaces()) {
        Method m = inInterface(i);
        if (m != null) {
          return m;
        }
      }
    }
    return null;
  }

  private static Method inInterface(Class<?> type) {
    if (java.lang.reflect.Modifier.isPublic(type.getModifiers())) {
      for (Method m : type.getMethods()) {
        if (m.getName().equals("getAttribute")
            && m.getParameterTypes().length == 1
            && m.getParameterTypes()[0].isAssignableFrom(GenAiKeys.OPERATION_NAME.getClass())) {
          return m;
        }
      }
    }
    for (Class<?> parent : type.getInterfaces()) {
      Method m = inInterface(parent);
      if (m != null) {
        return m;
      }
    }
    return null;
  }
}
