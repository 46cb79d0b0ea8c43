package dev.boxscore.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Timing knobs are lower bounds: a busy machine may be slower, never faster. */
class LatencyTest {

  @Test
  void streamWaitsTimeToFirstTokenThenChunkDelayBetweenChunks() throws Exception {
    try (ProviderSimulator sim =
        ProviderSimulator.builder()
            .outputTokens(5)
            .timeToFirstToken(Duration.ofMillis(300))
            .chunkDelay(Duration.ofMillis(50))
            .start()) {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(sim.openAiBaseUrl() + "/chat/completions"))
              .header("Authorization", "Bearer k")
              .POST(
                  HttpRequest.BodyPublishers.ofString(
                      "{\"model\":\"gpt-4o\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}"))
              .build();
      long start = System.nanoTime();
      HttpResponse<java.io.InputStream> response =
          HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
      long firstContent = -1;
      long last = -1;
      try (BufferedReader lines =
          new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = lines.readLine()) != null) {
          if (line.contains("\"content\":\"")
              && !line.contains("\"content\":\"\"")
              && firstContent < 0) {
            firstContent = System.nanoTime();
          }
          if (line.equals("data: [DONE]")) {
            last = System.nanoTime();
          }
        }
      }

      assertThat(Duration.ofNanos(firstContent - start))
          .isGreaterThanOrEqualTo(Duration.ofMillis(300));
      // The gap between chunks as the client sees it shrinks when the client reads late (a loaded
      // machine); the
      // server's waits add up, so the whole stream cannot end before TTFT + the four chunk delays
      // after it.
      assertThat(Duration.ofNanos(last - start))
          .isGreaterThanOrEqualTo(Duration.ofMillis(300 + 4 * 50));
    }
  }

  @Test
  void nonStreamingResponseWaitsTheSameTotal() throws Exception {
    try (ProviderSimulator sim =
        ProviderSimulator.builder()
            .outputTokens(3)
            .latency(Duration.ofMillis(100))
            .timeToFirstToken(Duration.ofMillis(100))
            .chunkDelay(Duration.ofMillis(50))
            .start()) {
      long start = System.nanoTime();
      HttpResponse<String> response =
          RawHttp.post(
              sim,
              "/v1/chat/completions",
              "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}",
              "Authorization",
              "Bearer k");

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }
  }
}
