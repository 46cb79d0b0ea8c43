package dev.boxscore.otel.ext.jdkhttp.java11;

import static io.opentelemetry.javaagent.extension.matcher.AgentElementMatchers.extendsClass;
import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.boxscore.otel.ext.rawhttp.RawLlmCall;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.javaagent.extension.instrumentation.TypeTransformer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * The JDK's HttpClient implementation ({@code jdk.internal.net.http.HttpClientImpl}; the public facade only
 * delegates to it): {@code send} and both {@code sendAsync} overloads (the inner call of the two-argument one sees
 * the GenAI span current and records nothing).
 */
public final class HttpClientImplInstrumentation implements TypeInstrumentation {
  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    // the package first: no type hierarchy is resolved for the many other jdk.internal classes the JVM loads
    return nameStartsWith("jdk.internal.net.http.").and(not(named("jdk.internal.net.http.HttpClientFacade")))
        .and(extendsClass(named("java.net.http.HttpClient")));
  }

  @Override
  public void transform(TypeTransformer transformer) {
    transformer.applyAdviceToMethod(named("send").and(isPublic()).and(takesArguments(2))
        .and(takesArgument(0, named("java.net.http.HttpRequest"))),
        HttpClientImplInstrumentation.class.getName() + "$SendAdvice");
    // both public overloads: the agent's own span starts in the two-argument one, which must sit inside ours
    transformer.applyAdviceToMethod(named("sendAsync").and(isPublic()).and(takesArguments(2).or(takesArguments(3)))
        .and(takesArgument(0, named("java.net.http.HttpRequest"))),
        HttpClientImplInstrumentation.class.getName() + "$SendAsyncAdvice");
  }

  @SuppressWarnings({"unused", "rawtypes"})
  public static final class SendAdvice {
    private SendAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static RawLlmCall onEnter(@Advice.Argument(0) HttpRequest request,
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
    public static RawLlmCall onEnter(@Advice.Argument(0) HttpRequest request,
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
    public static void onExit(@Advice.Enter RawLlmCall call, @Advice.Return CompletableFuture<?> future,
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
