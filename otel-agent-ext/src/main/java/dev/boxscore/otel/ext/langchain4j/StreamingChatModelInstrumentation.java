package dev.boxscore.otel.ext.langchain4j;

import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import net.bytebuddy.asm.Advice;

/**
 * {@code StreamingChatModel.doChat(ChatRequest, StreamingChatResponseHandler)}: the span starts
 * here and ends in the wrapped handler's completion or error callback; the first partial callback
 * gives the time to first chunk.
 */
public final class StreamingChatModelInstrumentation {
  private StreamingChatModelInstrumentation() {}

  @SuppressWarnings("unused")
  public static final class DoChatAdvice {
    private DoChatAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static LangChain4jCall onEnter(
        @Advice.This Object model,
        @Advice.Argument(0) Object request,
        @Advice.Argument(value = 1, readOnly = false) StreamingChatResponseHandler handler) {
      if (handler == null) {
        return null;
      }
      LangChain4jCall call = LangChain4jCall.start(model, request, true);
      if (call != null) {
        handler = new TracingStreamingHandler(handler, call);
        call.attach();
      }
      return call;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(@Advice.Enter LangChain4jCall call, @Advice.Thrown Throwable error) {
      if (call != null) {
        call.detach();
        if (error != null) {
          call.end(null, error);
        }
      }
    }
  }
}
