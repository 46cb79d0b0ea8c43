package dev.boxscore.otel.ext.okhttp;

import net.bytebuddy.asm.Advice;
import okhttp3.OkHttpClient;

/**
 * Every {@code OkHttpClient.Builder} gets the LLM-call interceptor as its last application
 * interceptor: it runs after the agent's context interceptor (so async calls see the caller's
 * context) and before the agent's network-level HTTP span, which therefore becomes the GenAI span's
 * child.
 */
public final class OkHttpClientBuilderInstrumentation {
  private OkHttpClientBuilderInstrumentation() {}

  @SuppressWarnings("unused")
  public static final class ConstructorAdvice {
    private ConstructorAdvice() {}

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void onExit(@Advice.This OkHttpClient.Builder builder) {
      LlmCallInterceptor.addTo(builder.interceptors());
    }
  }
}
