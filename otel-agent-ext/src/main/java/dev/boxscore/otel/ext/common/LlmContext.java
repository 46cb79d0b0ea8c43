package dev.boxscore.otel.ext.common;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;

/**
 * Marks a context as inside an LLM call, so a framework calling another instrumented framework (a
 * chat model delegating to another one) yields one LLM span per provider call, not one per layer.
 */
public final class LlmContext {
  private static final ContextKey<Boolean> INSIDE_LLM_CALL =
      ContextKey.named("boxscore-inside-llm-call");

  private LlmContext() {}

  public static boolean insideLlmCall(Context context) {
    return context.get(INSIDE_LLM_CALL) != null;
  }

  public static Context markInside(Context context) {
    return context.with(INSIDE_LLM_CALL, Boolean.TRUE);
  }
}
