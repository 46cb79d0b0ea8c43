package dev.boxscore.otel.ext.jdkhttp.java11;

import dev.boxscore.otel.ext.rawhttp.RawLlmCall;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

/** Starts {@link RawLlmCall}s for JDK HttpClient requests. Never throws. */
public final class JdkLlmCalls {
  private JdkLlmCalls() {}

  public static RawLlmCall start(HttpRequest request) {
    try {
      URI uri = request.uri();
      String method = request.method();
      if (!RawLlmCall.wanted(method, uri.getHost(), uri.getRawPath())) {
        return null;
      }
      return RawLlmCall.start(
          method, uri.getHost(), uri.getRawPath(), RequestBodyBytes.of(request));
    } catch (Throwable t) {
      return null;
    }
  }

  /**
   * A failure before any response (connection refused, timeout) ends the span; a response ends it
   * otherwise.
   */
  public static void failOnError(CompletableFuture<?> future, final RawLlmCall call) {
    try {
      if (future != null) {
        future.whenComplete(
            new BiConsumer<Object, Throwable>() {
              @Override
              public void accept(Object response, Throwable error) {
                if (error != null) {
                  call.fail(error);
                }
              }
            });
      }
    } catch (Throwable t) {
      // never into user code
    }
  }
}
