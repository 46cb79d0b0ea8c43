package dev.boxscore.otel.ext.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boxscore.otel.ext.rawhttp.RawLlmCall;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Raw-HTTP spans are ended on the span finisher's thread; a flush of the SDK (and its shutdown,
 * which goes the same way) must first let the finisher end every span queued with it, or the last
 * calls of an exiting process are lost.
 */
class FinisherDrainTest {
  private static final int CALLS = 8;
  private static final List<ReadableSpan> ENDED = new CopyOnWriteArrayList<>();
  private static SdkTracerProvider provider;

  @BeforeAll
  static void installSdk() {
    provider =
        SdkTracerProvider.builder()
            .addSpanProcessor(new RecordingProcessor())
            .addSpanProcessorFirst(new FinisherDrain())
            .build();
    GlobalOpenTelemetry.resetForTest();
    GlobalOpenTelemetry.set(OpenTelemetrySdk.builder().setTracerProvider(provider).build());
  }

  @AfterAll
  static void removeSdk() {
    GlobalOpenTelemetry.resetForTest();
    provider.close();
  }

  @Test
  void aFlushReturnsOnlyOnceTheFinisherEndedEveryQueuedSpan() {
    byte[] request = "{\"model\":\"gpt-4o-mini\",\"messages\":[]}".getBytes(StandardCharsets.UTF_8);
    byte[] response = slowToReadResponse();
    for (int i = 0; i < CALLS; i++) {
      RawLlmCall call = RawLlmCall.start("POST", "api.openai.com", "/v1/chat/completions", request);
      call.onResponse(200, "application/json", response.length);
      call.onBytes(response, 0, response.length);
      call.complete();
    }
    // the calling thread is back before the spans end: without the drain, the flush would not wait
    // for them
    assertThat(ENDED).hasSizeLessThan(CALLS);

    provider.forceFlush().join(10, TimeUnit.SECONDS);

    assertThat(ENDED)
        .hasSize(CALLS)
        .allSatisfy(
            span -> {
              assertThat(span.getName()).isEqualTo("chat gpt-4o-mini");
              assertThat(span.getAttribute(AttributeKey.stringKey("gen_ai.request.model")))
                  .isEqualTo("gpt-4o-mini");
              assertThat(span.getAttribute(AttributeKey.longKey("gen_ai.usage.output_tokens")))
                  .isEqualTo(7L);
              assertThat(span.getAttribute(AttributeKey.stringKey("gen_ai.response.id")))
                  .isEqualTo("chatcmpl-slow");
            });
  }

  /**
   * A chat completion with 20,000 choices (kept whole: under 1 MiB): milliseconds to read, so the
   * finisher is still busy when the calls are done.
   */
  private static byte[] slowToReadResponse() {
    StringBuilder json =
        new StringBuilder("{\"id\":\"chatcmpl-slow\",\"model\":\"gpt-4o-mini\",\"choices\":[");
    for (int i = 0; i < 20_000; i++) {
      json.append(i == 0 ? "" : ",")
          .append("{\"index\":")
          .append(i)
          .append(",\"finish_reason\":\"stop\"}");
    }
    json.append("],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":7}}");
    return json.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static final class RecordingProcessor implements SpanProcessor {
    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {}

    @Override
    public boolean isStartRequired() {
      return false;
    }

    @Override
    public void onEnd(ReadableSpan span) {
      ENDED.add(span);
    }

    @Override
    public boolean isEndRequired() {
      return true;
    }
  }
}
