package dev.boxscore.otel.ext.openai;

import com.openai.errors.OpenAIServiceException;
import com.openai.models.ResponsesModel;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseStreamEvent;
import com.openai.models.responses.ResponseUsage;
import dev.boxscore.otel.ext.common.GenAiKeys;
import dev.boxscore.otel.ext.common.LlmSpan;
import dev.boxscore.otel.ext.common.PromptFingerprint;
import java.util.Collections;

/** One Responses API call on an {@link LlmSpan}. Never throws. */
public final class OpenAiResponsesCall {
  private static final String SCOPE = "dev.boxscore.otel.openai";

  private final LlmSpan span;

  private OpenAiResponsesCall(LlmSpan span) {
    this.span = span;
  }

  public static OpenAiResponsesCall start(Object params, boolean streaming) {
    try {
      if (!(params instanceof ResponseCreateParams)) {
        return null;
      }
      ResponseCreateParams create = (ResponseCreateParams) params;
      String model = create.model().isPresent() ? name(create.model().get()) : null;
      LlmSpan span = LlmSpan.start(SCOPE, "chat", "openai", model, streaming);
      if (span == null) {
        return null;
      }
      span.set(GenAiKeys.REQUEST_MAX_TOKENS, create.maxOutputTokens().orElse(null));
      span.set(GenAiKeys.REQUEST_TEMPERATURE, create.temperature().orElse(null));
      span.set(GenAiKeys.REQUEST_TOP_P, create.topP().orElse(null));
      span.set(
          GenAiKeys.PROMPT_FINGERPRINT, PromptFingerprint.of(create.instructions().orElse(null)));
      return new OpenAiResponsesCall(span);
    } catch (Throwable t) {
      return null;
    }
  }

  static String name(ResponsesModel model) {
    if (model.isString()) {
      return model.asString();
    } else if (model.isChat()) {
      return model.asChat().asString();
    } else if (model.isOnly()) {
      return model.asOnly().asString();
    }
    return null;
  }

  public void attach() {
    try {
      span.attach();
    } catch (Throwable t) {
      // never into user code
    }
  }

  public void detach() {
    try {
      span.detach();
    } catch (Throwable t) {
      // never into user code
    }
  }

  /**
   * A streamed event: the first with output is the first chunk; completion or failure ends the
   * span.
   */
  public void onEvent(ResponseStreamEvent event) {
    try {
      if (ResponseEventOutput.carriesOutput(event)) {
        span.firstChunk();
      }
      if (event.isCompleted()) {
        end(event.asCompleted().response(), null);
      } else if (event.isFailed()) {
        Response response = event.asFailed().response();
        record(response);
        span.endWithError(new IllegalStateException("response.failed"), "response.failed");
      }
    } catch (Throwable t) {
      // never into user code
    }
  }

  public void endIfOpen() {
    try {
      span.end();
    } catch (Throwable t) {
      // never into user code
    }
  }

  public void end(Response response, Throwable error) {
    try {
      if (error != null) {
        span.endWithError(
            error,
            error instanceof OpenAIServiceException
                ? Integer.toString(((OpenAIServiceException) error).statusCode())
                : error.getClass().getName());
        return;
      }
      if (response != null) {
        record(response);
      }
      span.end();
    } catch (Throwable t) {
      span.end();
    }
  }

  private void record(Response response) {
    span.set(GenAiKeys.RESPONSE_ID, response.id());
    span.set(GenAiKeys.RESPONSE_MODEL, name(response.model()));
    if (response.status().isPresent()) {
      String status = response.status().get().asString();
      span.set(
          GenAiKeys.RESPONSE_FINISH_REASONS,
          Collections.singletonList("completed".equals(status) ? "stop" : status));
    }
    if (response.usage().isPresent()) {
      ResponseUsage usage = response.usage().get();
      span.set(GenAiKeys.USAGE_INPUT_TOKENS, usage.inputTokens());
      span.set(GenAiKeys.USAGE_OUTPUT_TOKENS, usage.outputTokens());
      span.set(GenAiKeys.USAGE_CACHE_READ_INPUT_TOKENS, usage.inputTokensDetails().cachedTokens());
      span.set(
          GenAiKeys.USAGE_REASONING_OUTPUT_TOKENS, usage.outputTokensDetails().reasoningTokens());
    }
  }
}
