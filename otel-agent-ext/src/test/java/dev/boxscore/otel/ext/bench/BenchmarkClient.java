package dev.boxscore.otel.ext.bench;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.util.Arrays;

/**
 * One benchmark mode in its own JVM (started by {@link OverheadBenchmark} with or without the agent): warm-up calls,
 * then timed LangChain4j chat calls to the simulator; prints one {@code RESULT} line.
 */
public final class BenchmarkClient {
  private BenchmarkClient() {}

  public static void main(String[] args) {
    String baseUrl = args[0];
    int warmup = Integer.parseInt(args[1]);
    int calls = Integer.parseInt(args[2]);
    OpenAiChatModel model = OpenAiChatModel.builder().baseUrl(baseUrl).apiKey("bench-key").modelName("gpt-4o-mini")
        .maxRetries(0).build();
    ChatRequest request = ChatRequest.builder().messages(
        SystemMessage.from("You are the support assistant of Boxscore Shop. Answer briefly and politely."),
        UserMessage.from("Where is my order?")).build();
    int failures = 0;
    for (int i = 0; i < warmup; i++) {
      try {
        model.chat(request);
      } catch (RuntimeException e) {
        failures++;
      }
    }
    long[] nanos = new long[calls];
    for (int i = 0; i < calls; i++) {
      long start = System.nanoTime();
      try {
        model.chat(request);
      } catch (RuntimeException e) {
        failures++;
      }
      nanos[i] = System.nanoTime() - start;
    }
    Arrays.sort(nanos);
    double mean = Arrays.stream(nanos).average().orElse(0) / 1000.0;
    System.out.printf("RESULT median_us=%.1f mean_us=%.1f p90_us=%.1f p99_us=%.1f failures=%d%n",
        nanos[calls / 2] / 1000.0, mean, nanos[(int) (calls * 0.90)] / 1000.0, nanos[(int) (calls * 0.99)] / 1000.0,
        failures);
  }
}
