package dev.boxscore.otel.ext.bench;

import com.sun.management.OperatingSystemMXBean;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.openai.OpenAiChatModel;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * One benchmark mode in its own JVM (started by {@link OverheadBenchmark} with or without the
 * agent): warm-up calls, then timed chat calls to the simulator; prints one {@code RESULT} line:
 * latency (median, mean, p90, p99), CPU time of the whole JVM per timed call ({@code cpu_us}:
 * caller, HTTP client threads, the agent's exporter, JIT and GC) and of the calling thread alone
 * ({@code caller_cpu_us}), bytes allocated per call by all threads ({@code alloc_bytes}), and
 * failed calls. Workloads:
 *
 * <ul>
 *   <li>{@code langchain4j}: a LangChain4j sync chat call over its JDK HTTP client (default);
 *   <li>{@code jdk-http}: the same request as raw JSON through the JDK HttpClient, which the
 *       extension's raw-HTTP layer records;
 *   <li>{@code langchain4j-replay} and {@code okhttp-replay}: the LangChain4j call, and the raw
 *       JSON call through OkHttp, answered in memory with the simulator's own response (fetched
 *       once), so a call costs microseconds and what the extension adds is not lost in the noise of
 *       a loopback round trip.
 * </ul>
 *
 * With {@code -Dbench.appSpan=true} each call is wrapped in one span the application makes itself:
 * the raw limit.
 */
public final class BenchmarkClient {
  private static final String SYSTEM =
      "You are the support assistant of Boxscore Shop. Answer briefly and politely.";

  private static final String CHAT_JSON =
      "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"system\","
          + "\"content\":\""
          + SYSTEM
          + "\"},{\"role\":\"user\",\"content\":\"Where is my order?\"}]}";

  private BenchmarkClient() {}

  public static void main(String[] args) {
    String baseUrl = args[0];
    int warmup = Integer.parseInt(args[1]);
    int calls = Integer.parseInt(args[2]);
    String workload = args.length > 3 ? args[3] : "langchain4j";
    Runnable bare =
        workload.equals("jdk-http")
            ? rawJdkCall(baseUrl)
            : workload.equals("langchain4j-replay")
                ? langChain4jReplayCall(baseUrl)
                : workload.equals("okhttp-replay")
                    ? okHttpReplayCall(baseUrl)
                    : langChain4jCall(baseUrl);
    Runnable call = Boolean.getBoolean("bench.appSpan") ? new AppSpanCall(bare) : bare;
    int failures = 0;
    // a pause after each call keeps the span rate within what the exporter sends (see
    // OverheadBenchmark)
    long pauseNanos = TimeUnit.MICROSECONDS.toNanos(Long.getLong("bench.pauseMicros", 0));
    for (int i = 0; i < warmup; i++) {
      try {
        call.run();
      } catch (RuntimeException e) {
        failures++;
      }
      pause(pauseNanos);
    }
    long[] nanos = new long[calls];
    // CPU of the whole JVM (caller, HTTP client threads, the agent's span exporter) and of the
    // calling thread alone,
    // over the timed calls: latency on a shared machine is noisy, CPU time per call is what the
    // agent costs.
    OperatingSystemMXBean os = ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long allocatedStart = allocatedBytes();
    long processCpuStart = os.getProcessCpuTime();
    long threadCpuStart = threads.getCurrentThreadCpuTime();
    Map<Long, Long> cpuByThreadStart = cpuByThread(threads);
    for (int i = 0; i < calls; i++) {
      long start = System.nanoTime();
      try {
        call.run();
      } catch (RuntimeException e) {
        failures++;
      }
      nanos[i] = System.nanoTime() - start;
      pause(pauseNanos);
    }
    long threadCpu = threads.getCurrentThreadCpuTime() - threadCpuStart;
    long processCpu = os.getProcessCpuTime() - processCpuStart;
    Map<Long, Long> cpuByThreadEnd = cpuByThread(threads);
    long allocated = allocatedBytes() - allocatedStart;
    Arrays.sort(nanos);
    double mean = Arrays.stream(nanos).average().orElse(0) / 1000.0;
    System.out.printf(
        "RESULT median_us=%.1f mean_us=%.1f p90_us=%.1f p99_us=%.1f cpu_us=%.1f caller_cpu_us=%.1f"
            + " alloc_bytes=%d failures=%d%n",
        nanos[calls / 2] / 1000.0,
        mean,
        nanos[(int) (calls * 0.90)] / 1000.0,
        nanos[(int) (calls * 0.99)] / 1000.0,
        processCpu / 1000.0 / calls,
        threadCpu / 1000.0 / calls,
        allocated / calls,
        failures);
    System.out.println(
        "THREADS " + cpuByThreadKind(threads, cpuByThreadStart, cpuByThreadEnd, processCpu, calls));
  }

  private static void pause(long nanos) {
    if (nanos > 0) {
      LockSupport.parkNanos(nanos);
    }
  }

  private static Map<Long, Long> cpuByThread(ThreadMXBean threads) {
    Map<Long, Long> cpu = new HashMap<>();
    for (long id : threads.getAllThreadIds()) {
      cpu.put(id, threads.getThreadCpuTime(id));
    }
    return cpu;
  }

  /**
   * CPU per call by kind of thread (names with their numbers dropped), largest first; "jvm" is what
   * no Java thread accounts for: garbage collection and the JIT compilers.
   */
  private static String cpuByThreadKind(
      ThreadMXBean threads,
      Map<Long, Long> start,
      Map<Long, Long> end,
      long processCpu,
      int calls) {
    Map<String, Long> byKind = new HashMap<>();
    long javaThreads = 0;
    for (Map.Entry<Long, Long> entry : end.entrySet()) {
      ThreadInfo info = threads.getThreadInfo(entry.getKey());
      long used = entry.getValue() - start.getOrDefault(entry.getKey(), 0L);
      if (info == null || entry.getValue() < 0 || used <= 0) {
        continue;
      }
      byKind.merge(info.getThreadName().replaceAll("[0-9]+", "N"), used, Long::sum);
      javaThreads += used;
    }
    byKind.put("jvm", processCpu - javaThreads);
    StringBuilder out = new StringBuilder();
    byKind.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .forEach(
            e ->
                out.append(
                    String.format(
                        "%s=%.1f ", e.getKey().replace(' ', '_'), e.getValue() / 1000.0 / calls)));
    return out.toString().trim();
  }

  /**
   * Bytes allocated so far by every live thread (the HTTP client's and the exporter's threads are
   * pooled, so they live through the timed calls): unlike time, the same on a loaded machine as on
   * a quiet one.
   */
  private static long allocatedBytes() {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long total = 0;
    for (long bytes : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
      total += Math.max(0, bytes);
    }
    return total;
  }

  private static Runnable langChain4jCall(String baseUrl) {
    OpenAiChatModel model =
        OpenAiChatModel.builder()
            .baseUrl(baseUrl)
            .apiKey("bench-key")
            .modelName("gpt-4o-mini")
            .maxRetries(0)
            .build();
    ChatRequest request =
        ChatRequest.builder()
            .messages(SystemMessage.from(SYSTEM), UserMessage.from("Where is my order?"))
            .build();
    return () -> model.chat(request);
  }

  /**
   * The raw limit of what any instrumentation recording an LLM call can cost: the call wrapped in
   * one span made by the application itself through the OpenTelemetry API (bridged by the agent to
   * its SDK), with the attributes the extension records for it (same keys, types and value lengths;
   * the response id differs per call, as real ids do), made current around the call so the HTTP
   * span below becomes its child, as with the extension.
   */
  private static final class AppSpanCall implements Runnable {
    private static final AttributeKey<String> OPERATION =
        AttributeKey.stringKey("gen_ai.operation.name");
    private static final AttributeKey<Boolean> STREAM =
        AttributeKey.booleanKey("gen_ai.request.stream");
    private static final AttributeKey<String> PROVIDER =
        AttributeKey.stringKey("gen_ai.provider.name");
    private static final AttributeKey<String> REQUEST_MODEL =
        AttributeKey.stringKey("gen_ai.request.model");
    private static final AttributeKey<String> FINGERPRINT =
        AttributeKey.stringKey("boxscore.prompt.fingerprint");
    private static final AttributeKey<String> RESPONSE_ID =
        AttributeKey.stringKey("gen_ai.response.id");
    private static final AttributeKey<String> RESPONSE_MODEL =
        AttributeKey.stringKey("gen_ai.response.model");
    private static final AttributeKey<List<String>> FINISH_REASONS =
        AttributeKey.stringArrayKey("gen_ai.response.finish_reasons");
    private static final AttributeKey<Long> INPUT_TOKENS =
        AttributeKey.longKey("gen_ai.usage.input_tokens");
    private static final AttributeKey<Long> OUTPUT_TOKENS =
        AttributeKey.longKey("gen_ai.usage.output_tokens");
    private static final List<String> STOP = List.of("stop");

    private final Runnable call;
    private final Tracer tracer = GlobalOpenTelemetry.getTracer("bench.app");
    private long sequence;

    AppSpanCall(Runnable call) {
      this.call = call;
    }

    @Override
    public void run() {
      Span span =
          tracer
              .spanBuilder("chat gpt-4o-mini")
              .setSpanKind(SpanKind.CLIENT)
              .setAttribute(OPERATION, "chat")
              .setAttribute(STREAM, false)
              .setAttribute(PROVIDER, "openai")
              .setAttribute(REQUEST_MODEL, "gpt-4o-mini")
              .setAttribute(FINGERPRINT, "3f2a9c41d07be5a8")
              .startSpan();
      try (Scope scope = span.makeCurrent()) {
        call.run();
        span.setAttribute(
            RESPONSE_ID, "chatcmpl-" + Long.toHexString(0x100000000000L + sequence++));
        span.setAttribute(RESPONSE_MODEL, "gpt-4o-mini-2024-07-18");
        span.setAttribute(FINISH_REASONS, STOP);
        span.setAttribute(INPUT_TOKENS, 31L);
        span.setAttribute(OUTPUT_TOKENS, 12L);
      } finally {
        span.end();
      }
    }
  }

  /**
   * The LangChain4j call over an in-memory transport that answers every request with the
   * simulator's own response to it, fetched once: the whole library runs (request mapping, JSON
   * both ways, response mapping), no socket and no thread hop does. The call costs tens of
   * microseconds instead of a millisecond, so what the extension adds is not lost in the network's
   * noise; the stock agent has no span to make here, the extension makes its one.
   */
  private static Runnable langChain4jReplayCall(String baseUrl) {
    final String body = fetchOnce(baseUrl);
    final HttpClientBuilder transport = new ReplayTransport(body);
    OpenAiChatModel model =
        OpenAiChatModel.builder()
            .baseUrl(baseUrl)
            .apiKey("bench-key")
            .modelName("gpt-4o-mini")
            .httpClientBuilder(transport)
            .maxRetries(0)
            .build();
    ChatRequest request =
        ChatRequest.builder()
            .messages(SystemMessage.from(SYSTEM), UserMessage.from("Where is my order?"))
            .build();
    return () -> model.chat(request);
  }

  /**
   * The raw JSON call through OkHttp, answered in memory with the simulator's own response by the
   * application's last interceptor: the extension's raw-HTTP layer (an earlier interceptor) reads
   * the request, tees and parses the response as it does over the network, and the stock agent's
   * network-level span never starts.
   */
  private static Runnable okHttpReplayCall(String baseUrl) {
    final byte[] answer = fetchOnce(baseUrl).getBytes(StandardCharsets.UTF_8);
    final okhttp3.MediaType json = okhttp3.MediaType.get("application/json");
    OkHttpClient client =
        new OkHttpClient.Builder()
            .addInterceptor(
                chain ->
                    new Response.Builder()
                        .request(chain.request())
                        .protocol(Protocol.HTTP_1_1)
                        .code(200)
                        .message("OK")
                        .body(ResponseBody.create(answer, json))
                        .build())
            .build();
    Request request =
        new Request.Builder()
            .url(baseUrl + "/chat/completions")
            .header("Authorization", "Bearer bench-key")
            .post(RequestBody.create(CHAT_JSON, json))
            .build();
    return () -> {
      try (Response response = client.newCall(request).execute()) {
        if (response.code() != 200 || response.body().string().isEmpty()) {
          throw new IllegalStateException("HTTP " + response.code());
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    };
  }

  private static String fetchOnce(String baseUrl) {
    return send(HttpClient.newHttpClient(), chatRequest(baseUrl));
  }

  /** The body of a 200 answer to {@code request}; anything else fails the call. */
  static String send(HttpClient client, HttpRequest request) {
    try {
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("HTTP " + response.statusCode());
      }
      return response.body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** LangChain4j's HTTP client SPI answered from memory with one recorded response body. */
  private static final class ReplayTransport
      implements HttpClientBuilder, dev.langchain4j.http.client.HttpClient {
    private final String body;
    private Duration connectTimeout;
    private Duration readTimeout;

    ReplayTransport(String body) {
      this.body = body;
    }

    @Override
    public Duration connectTimeout() {
      return connectTimeout;
    }

    @Override
    public HttpClientBuilder connectTimeout(Duration timeout) {
      connectTimeout = timeout;
      return this;
    }

    @Override
    public Duration readTimeout() {
      return readTimeout;
    }

    @Override
    public HttpClientBuilder readTimeout(Duration timeout) {
      readTimeout = timeout;
      return this;
    }

    @Override
    public dev.langchain4j.http.client.HttpClient build() {
      return this;
    }

    @Override
    public SuccessfulHttpResponse execute(dev.langchain4j.http.client.HttpRequest request) {
      return SuccessfulHttpResponse.builder()
          .statusCode(200)
          .headers(Map.of("content-type", List.of("application/json")))
          .body(body)
          .build();
    }

    @Override
    public void execute(
        dev.langchain4j.http.client.HttpRequest request,
        ServerSentEventParser parser,
        ServerSentEventListener listener) {
      throw new UnsupportedOperationException("the benchmark makes sync calls only");
    }
  }

  static HttpRequest chatRequest(String baseUrl) {
    return HttpRequest.newBuilder(URI.create(baseUrl + "/chat/completions"))
        .header("Content-Type", "application/json")
        .header("Authorization", "Bearer bench-key")
        .POST(HttpRequest.BodyPublishers.ofString(CHAT_JSON))
        .build();
  }

  private static Runnable rawJdkCall(String baseUrl) {
    HttpClient client = HttpClient.newHttpClient();
    HttpRequest request = chatRequest(baseUrl);
    return () -> send(client, request);
  }
}
