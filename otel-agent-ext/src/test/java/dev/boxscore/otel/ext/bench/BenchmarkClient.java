package dev.boxscore.otel.ext.bench;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.openai.OpenAiChatModel;
import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;

/**
 * One benchmark mode in its own JVM (started by {@link OverheadBenchmark} with or without the agent): warm-up calls,
 * then timed chat calls to the simulator; prints one {@code RESULT} line: latency (median, mean, p90, p99), CPU time of
 * the whole JVM per timed call ({@code cpu_us}: caller, HTTP client threads, the agent's exporter, JIT and GC) and of
 * the calling thread alone ({@code caller_cpu_us}), bytes allocated per call by all threads ({@code alloc_bytes}),
 * and failed calls. Workloads: {@code langchain4j} (a
 * LangChain4j sync chat call, default) and {@code jdk-http} (the same request as raw JSON through the JDK
 * HttpClient, which the extension's raw-HTTP layer records).
 */
public final class BenchmarkClient {
  private static final String SYSTEM = "You are the support assistant of Boxscore Shop. Answer briefly and politely.";

  private BenchmarkClient() {}

  public static void main(String[] args) {
    String baseUrl = args[0];
    int warmup = Integer.parseInt(args[1]);
    int calls = Integer.parseInt(args[2]);
    Runnable call = args.length > 3 && args[3].equals("jdk-http") ? rawJdkCall(baseUrl) : langChain4jCall(baseUrl);
    int failures = 0;
    for (int i = 0; i < warmup; i++) {
      try {
        call.run();
      } catch (RuntimeException e) {
        failures++;
      }
    }
    long[] nanos = new long[calls];
    // CPU of the whole JVM (caller, HTTP client threads, the agent's span exporter) and of the calling thread alone,
    // over the timed calls: latency on a shared machine is noisy, CPU time per call is what the agent costs.
    OperatingSystemMXBean os = ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long allocatedStart = allocatedBytes();
    long processCpuStart = os.getProcessCpuTime();
    long threadCpuStart = threads.getCurrentThreadCpuTime();
    for (int i = 0; i < calls; i++) {
      long start = System.nanoTime();
      try {
        call.run();
      } catch (RuntimeException e) {
        failures++;
      }
      nanos[i] = System.nanoTime() - start;
    }
    long threadCpu = threads.getCurrentThreadCpuTime() - threadCpuStart;
    long processCpu = os.getProcessCpuTime() - processCpuStart;
    long allocated = allocatedBytes() - allocatedStart;
    Arrays.sort(nanos);
    double mean = Arrays.stream(nanos).average().orElse(0) / 1000.0;
    System.out.printf("RESULT median_us=%.1f mean_us=%.1f p90_us=%.1f p99_us=%.1f cpu_us=%.1f caller_cpu_us=%.1f"
        + " alloc_bytes=%d failures=%d%n", nanos[calls / 2] / 1000.0, mean, nanos[(int) (calls * 0.90)] / 1000.0,
        nanos[(int) (calls * 0.99)] / 1000.0, processCpu / 1000.0 / calls, threadCpu / 1000.0 / calls,
        allocated / calls, failures);
  }

  /**
   * Bytes allocated so far by every live thread (the HTTP client's and the exporter's threads are pooled, so they
   * live through the timed calls): unlike time, the same on a loaded machine as on a quiet one.
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
    OpenAiChatModel model = OpenAiChatModel.builder().baseUrl(baseUrl).apiKey("bench-key").modelName("gpt-4o-mini")
        .maxRetries(0).build();
    ChatRequest request = ChatRequest.builder().messages(
        SystemMessage.from(SYSTEM), UserMessage.from("Where is my order?")).build();
    return () -> model.chat(request);
  }

  private static Runnable rawJdkCall(String baseUrl) {
    HttpClient client = HttpClient.newHttpClient();
    HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/chat/completions"))
        .header("Content-Type", "application/json").header("Authorization", "Bearer bench-key")
        .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"system\","
            + "\"content\":\"" + SYSTEM + "\"},{\"role\":\"user\",\"content\":\"Where is my order?\"}]}"))
        .build();
    return () -> {
      try {
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
          throw new IllegalStateException("HTTP " + response.statusCode());
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    };
  }
}
