package dev.boxscore.otel.ext.langchain4j;

import dev.langchain4j.model.chat.response.ChatResponse;
import net.bytebuddy.asm.Advice;

/** {@code ChatModel.doChat(ChatRequest)}: the synchronous provider call. */
public final class ChatModelInstrumentation {
  private ChatModelInstrumentation() {}

  @SuppressWarnings("unused")
  public static final class DoChatAdvice {
    private DoChatAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static LangChain4jCall onEnter(
        @Advice.This Object model, @Advice.Argument(0) Object request) {
      LangChain4jCall call = LangChain4jCall.start(model, request, false);
      if (call != null) {
        call.attach();
      }
      return call;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(
        @Advice.Enter LangChain4jCall call,
        @Advice.Return ChatResponse response,
        @Advice.Thrown Throwable error) {
      if (call != null) {
        call.detach();
        call.end(response, error);
      }
    }
  }
}
