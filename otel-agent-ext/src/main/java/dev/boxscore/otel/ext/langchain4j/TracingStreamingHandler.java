package dev.boxscore.otel.ext.langchain4j;

import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.CompleteToolCall;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.PartialThinking;
import dev.langchain4j.model.chat.response.PartialThinkingContext;
import dev.langchain4j.model.chat.response.PartialToolCall;
import dev.langchain4j.model.chat.response.PartialToolCallContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;

/**
 * Wraps the application's handler: the first partial callback marks the time to first chunk,
 * completion or error ends the span, and every callback (each default method too) reaches the
 * application's handler unchanged.
 */
public final class TracingStreamingHandler implements StreamingChatResponseHandler {
  private final StreamingChatResponseHandler delegate;
  private final LangChain4jCall call;

  public TracingStreamingHandler(StreamingChatResponseHandler delegate, LangChain4jCall call) {
    this.delegate = delegate;
    this.call = call;
  }

  @Override
  public void onPartialResponse(String partialResponse) {
    call.firstChunk();
    delegate.onPartialResponse(partialResponse);
  }

  @Override
  public void onPartialResponse(PartialResponse partialResponse, PartialResponseContext context) {
    call.firstChunk();
    delegate.onPartialResponse(partialResponse, context);
  }

  @Override
  public void onPartialThinking(PartialThinking partialThinking) {
    call.firstChunk();
    delegate.onPartialThinking(partialThinking);
  }

  @Override
  public void onPartialThinking(PartialThinking partialThinking, PartialThinkingContext context) {
    call.firstChunk();
    delegate.onPartialThinking(partialThinking, context);
  }

  @Override
  public void onPartialToolCall(PartialToolCall partialToolCall) {
    call.firstChunk();
    delegate.onPartialToolCall(partialToolCall);
  }

  @Override
  public void onPartialToolCall(PartialToolCall partialToolCall, PartialToolCallContext context) {
    call.firstChunk();
    delegate.onPartialToolCall(partialToolCall, context);
  }

  @Override
  public void onCompleteToolCall(CompleteToolCall completeToolCall) {
    delegate.onCompleteToolCall(completeToolCall);
  }

  @Override
  public void onUnmappedRawEvent(Object rawEvent) {
    delegate.onUnmappedRawEvent(rawEvent);
  }

  @Override
  public void onCompleteResponse(ChatResponse completeResponse) {
    call.end(completeResponse, null);
    delegate.onCompleteResponse(completeResponse);
  }

  @Override
  public void onError(Throwable error) {
    call.end(null, error);
    delegate.onError(error);
  }
}
