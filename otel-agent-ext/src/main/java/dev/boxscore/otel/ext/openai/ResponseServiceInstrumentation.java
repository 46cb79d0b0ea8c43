package dev.boxscore.otel.ext.openai;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import com.openai.core.http.StreamResponse;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseStreamEvent;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.javaagent.extension.instrumentation.TypeTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/** {@code ResponseServiceImpl.create} and {@code createStreaming} (blocking client). */
public final class ResponseServiceInstrumentation implements TypeInstrumentation {
  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named("com.openai.services.blocking.ResponseServiceImpl");
  }

  @Override
  public void transform(TypeTransformer transformer) {
    String params = "com.openai.models.responses.ResponseCreateParams";
    transformer.applyAdviceToMethod(named("create").and(takesArguments(2)).and(takesArgument(0, named(params))),
        ResponseServiceInstrumentation.class.getName() + "$CreateAdvice");
    transformer.applyAdviceToMethod(named("createStreaming").and(takesArguments(2))
        .and(takesArgument(0, named(params))),
        ResponseServiceInstrumentation.class.getName() + "$CreateStreamingAdvice");
  }

  @SuppressWarnings("unused")
  public static final class CreateAdvice {
    private CreateAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static OpenAiResponsesCall onEnter(@Advice.Argument(0) Object params) {
      OpenAiResponsesCall call = OpenAiResponsesCall.start(params, false);
      if (call != null) {
        call.attach();
      }
      return call;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(@Advice.Enter OpenAiResponsesCall call, @Advice.Return Response response,
        @Advice.Thrown Throwable error) {
      if (call != null) {
        call.detach();
        call.end(response, error);
      }
    }
  }

  @SuppressWarnings("unused")
  public static final class CreateStreamingAdvice {
    private CreateStreamingAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static OpenAiResponsesCall onEnter(@Advice.Argument(0) Object params) {
      OpenAiResponsesCall call = OpenAiResponsesCall.start(params, true);
      if (call != null) {
        call.attach();
      }
      return call;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(@Advice.Enter OpenAiResponsesCall call,
        @Advice.Return(readOnly = false) StreamResponse<ResponseStreamEvent> stream, @Advice.Thrown Throwable error) {
      if (call != null) {
        call.detach();
        if (error != null || stream == null) {
          call.end(null, error);
        } else {
          stream = new TracingResponseStream(stream, call);
        }
      }
    }
  }
}
