package dev.boxscore.otel.ext.it;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import java.time.Instant;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * A process that makes one raw OkHttp chat call under a root span and exits the moment it has the
 * answer; prints {@code TRACE <trace id> <epoch nanos before the call> <epoch nanos after reading
 * the body>}. Run by ShortLivedProcessIT under the agent.
 */
public final class OneCallThenExit {
  private OneCallThenExit() {}

  public static void main(String[] args) throws Exception {
    String chat =
        "{\"model\":\"gpt-4o-mini\",\"max_tokens\":"
            + args[1]
            + ",\"messages\":[{\"role\":\"user\",\"content\":\"Where is my order?\"}]}";
    Request request =
        new Request.Builder()
            .url(args[0] + "/v1/chat/completions")
            .header("Authorization", "Bearer test-key")
            .post(RequestBody.create(chat, MediaType.get("application/json")))
            .build();
    OkHttpClient client = new OkHttpClient();
    Span root = GlobalOpenTelemetry.getTracer("test").spanBuilder("test-root").startSpan();
    long before;
    long after;
    try (Scope ignored = root.makeCurrent()) {
      before = epochNanos();
      try (Response response = client.newCall(request).execute()) {
        response.body().string();
      }
      after = epochNanos();
    } finally {
      root.end();
    }
    System.out.println("TRACE " + root.getSpanContext().getTraceId() + " " + before + " " + after);
    System.out.flush();
    System.exit(0);
  }

  private static long epochNanos() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }
}
