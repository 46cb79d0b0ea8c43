package dev.boxscore.otel.ext.openai;

import com.openai.core.http.StreamResponse;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseStreamEvent;
import net.bytebuddy.asm.Advice;

/** {@code ResponseServiceImpl.create} and {@code createStreaming} (blocking client). */
public final class ResponseServiceInstrumentation {
  private ResponseServiceInstrumentation() {}

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
    public static void onExit(
        @Advice.Enter OpenAiResponsesCall call,
        @Advice.Return Response response,
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
    public static void onExit(
        @Advice.Enter OpenAiResponsesCall call,
        @Advice.Return(readOnly = false) StreamResponse<ResponseStreamEvent> stream,
        @Advice.Thrown Throwable error) {
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
