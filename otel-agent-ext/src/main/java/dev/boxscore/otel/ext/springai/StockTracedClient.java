package dev.boxscore.otel.ext.springai;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;

/**
 * Whether the stock agent already traces a model's provider calls: Spring AI 2.0's OpenAI model
 * builds its own openai-java client (which the stock agent does not see), but a user may hand it
 * one built by {@code OpenAIOkHttpClient.builder().build()}, which the stock agent wraps in a proxy
 * that makes its own GenAI span. Then that span is the call's one LLM span and the extension adds
 * none.
 */
final class StockTracedClient {
  private static final String SYNC_CLIENT = "com.openai.client.OpenAIClient";
  private static final String ASYNC_CLIENT = "com.openai.client.OpenAIClientAsync";

  private StockTracedClient() {}

  static boolean tracesCallsOf(Object model, boolean streaming) {
    String wanted = streaming ? ASYNC_CLIENT : SYNC_CLIENT;
    try {
      for (Class<?> type = model.getClass();
          type != null && type != Object.class;
          type = type.getSuperclass()) {
        for (Field field : type.getDeclaredFields()) {
          if (!Modifier.isStatic(field.getModifiers())
              && field.getType().getName().equals(wanted)) {
            field.setAccessible(true);
            Object client = field.get(model);
            if (client != null
                && Proxy.isProxyClass(client.getClass())
                && Proxy.getInvocationHandler(client)
                    .getClass()
                    .getName()
                    .startsWith("io.opentelemetry.")) {
              return true;
            }
          }
        }
      }
    } catch (Throwable t) {
      // unknown: trace the call ourselves
    }
    return false;
  }
}
