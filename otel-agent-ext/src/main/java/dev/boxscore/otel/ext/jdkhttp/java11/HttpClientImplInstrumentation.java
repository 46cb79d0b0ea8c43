package dev.boxscore.otel.ext.jdkhttp.java11;

import dev.boxscore.otel.ext.rawhttp.RawLlmCall;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import net.bytebuddy.asm.Advice;

/**
 * The JDK's HttpClient implementation ({@code jdk.internal.net.http.HttpClientImpl}; the public
 * facade only delegates to it): {@code send} and both {@code sendAsync} overloads (the inner call
 * of the two-argument one sees the GenAI span current and records nothing).
 */
public final class HttpClientImplInstrumentation {
  private HttpClientImplInstrumentation() {}

  @SuppressWarnings({"unused", "rawtypes"})
  public static final class SendAdvice {
    private SendAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static RawLlmCall onEnter(
        @Advice.Argument(0) HttpRequest request,
        @Advice.Argument(value = 1, readOnly = false) HttpResponse.BodyHandler handler) {
      RawLlmCall call = JdkLlmCalls.start(request);
      if (call != null && handler != null) {
        handler = new TeeBodyHandler(handler, call);
        call.attach();
        return call;
      }
      return null;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(@Advice.Enter RawLlmCall call, @Advice.Thrown Throwable error) {
      if (call != null) {
        call.detach();
        if (error != null) {
          call.fail(error);
        }
      }
    }
  }

  @SuppressWarnings({"unused", "rawtypes"})
  public static final class SendAsyncAdvice {
    private SendAsyncAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static RawLlmCall onEnter(
        @Advice.Argument(0) HttpRequest request,
        @Advice.Argument(value = 1, readOnly = false) HttpResponse.BodyHandler handler) {
      RawLlmCall call = JdkLlmCalls.start(request);
      if (call != null && handler != null) {
        handler = new TeeBodyHandler(handler, call);
        call.attach();
        return call;
      }
      return null;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(
        @Advice.Enter RawLlmCall call,
        @Advice.Return CompletableFuture<?> future,
        @Advice.Thrown Throwable error) {
      if (call != null) {
        call.detach();
        if (error != null) {
          call.fail(error);
        } else {
          JdkLlmCalls.failOnError(future, call);
        }
      }
    }
  }
}
