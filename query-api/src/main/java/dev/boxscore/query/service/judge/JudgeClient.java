package dev.boxscore.query.service.judge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.boxscore.query.config.JudgeConfig;
import dev.boxscore.storage.evaluators.Evaluator;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Asks an evaluator's judge: OpenAI chat completions ({@code POST <base>/chat/completions}, the
 * base URL ending in {@code /v1}) or Anthropic messages ({@code POST <base>/v1/messages}). A 429, a
 * 5xx (529 included), a timeout or a broken connection is retried up to {@code retries} times,
 * waiting {@code backoff}·2ⁿ or what the judge's retry-after asks, at most 10 s. A plain loop
 * rather than SmallRye Fault Tolerance: that extension is not in the build, and the loop has to
 * honour the judge's retry-after anyway. The caller writes one score per call, however many
 * requests it took.
 */
final class JudgeClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration MAX_WAIT = Duration.ofSeconds(10);
  private static final int MAX_OUTPUT_TOKENS = 512;

  private final HttpClient http;
  private final JudgeConfig config;

  JudgeClient(JudgeConfig config) {
    this.config = config;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
  }

  JudgeAnswer ask(Evaluator evaluator, String prompt) throws JudgeFailure {
    boolean anthropic = "anthropic".equals(evaluator.judgeKind());
    HttpRequest request = request(evaluator, prompt, anthropic);
    Instant start = Instant.now();
    String errorType = "";
    String message = "";
    for (int attempt = 0; attempt <= config.retries(); attempt++) {
      Duration wait = backoff(attempt);
      try {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        int status = response.statusCode();
        if (status == 200) {
          return answer(response.body(), anthropic, start, attempt + 1);
        }
        errorType = String.valueOf(status);
        message = "HTTP " + status + ": " + clip(response.body());
        if (status != 429 && status < 500) {
          break; // a bad request or key: asking again gets the same answer
        }
        wait = retryAfter(response).orElse(wait);
      } catch (HttpTimeoutException e) {
        errorType = e.getClass().getName();
        message = "no answer within " + config.timeout();
      } catch (IOException e) {
        errorType = e.getClass().getName();
        message = "connection failed: " + e.getMessage();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new JudgeFailure(e.getClass().getName(), "interrupted", start, Instant.now());
      } catch (BadAnswer e) {
        throw new JudgeFailure("invalid_response", e.getMessage(), start, Instant.now());
      }
      if (attempt < config.retries()) {
        try {
          Thread.sleep(min(wait, MAX_WAIT).toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    throw new JudgeFailure(errorType, message, start, Instant.now());
  }

  private HttpRequest request(Evaluator evaluator, String prompt, boolean anthropic) {
    ObjectNode body = JSON.createObjectNode();
    body.put("model", evaluator.model());
    body.put("max_tokens", MAX_OUTPUT_TOKENS);
    body.put("temperature", 0);
    body.putArray("messages").addObject().put("role", "user").put("content", prompt);
    String base = evaluator.baseUrl().replaceAll("/+$", "");
    HttpRequest.Builder b =
        HttpRequest.newBuilder()
            .timeout(config.timeout())
            .header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
    if (anthropic) {
      b.uri(URI.create(base + "/v1/messages"))
          .header("x-api-key", evaluator.apiKey())
          .header("anthropic-version", "2023-06-01");
    } else {
      b.uri(URI.create(base + "/chat/completions"))
          .header("authorization", "Bearer " + evaluator.apiKey());
    }
    return b.build();
  }

  private static JudgeAnswer answer(String body, boolean anthropic, Instant start, int attempts)
      throws BadAnswer {
    JsonNode json;
    try {
      json = JSON.readTree(body);
    } catch (IOException e) {
      throw new BadAnswer("the judge's answer is not JSON");
    }
    String text;
    long in;
    long out;
    if (anthropic) {
      StringBuilder sb = new StringBuilder();
      for (JsonNode block : json.path("content")) {
        if ("text".equals(block.path("type").asText())) {
          sb.append(block.path("text").asText());
        }
      }
      text = sb.toString();
      JsonNode usage = json.path("usage");
      in =
          usage.path("input_tokens").asLong()
              + usage.path("cache_read_input_tokens").asLong()
              + usage.path("cache_creation_input_tokens").asLong();
      out = usage.path("output_tokens").asLong();
    } else {
      text = json.path("choices").path(0).path("message").path("content").asText("");
      in = json.path("usage").path("prompt_tokens").asLong();
      out = json.path("usage").path("completion_tokens").asLong();
    }
    return new JudgeAnswer(
        text, in, out, json.path("model").asText(""), start, Instant.now(), attempts);
  }

  private Duration backoff(int attempt) {
    return config.backoff().multipliedBy(1L << Math.min(attempt, 10));
  }

  private static Optional<Duration> retryAfter(HttpResponse<?> response) {
    try {
      Optional<String> ms = response.headers().firstValue("retry-after-ms");
      if (ms.isPresent()) {
        return Optional.of(Duration.ofMillis((long) Double.parseDouble(ms.get())));
      }
      return response
          .headers()
          .firstValue("retry-after")
          .map(s -> Duration.ofMillis((long) (Double.parseDouble(s) * 1000)));
    } catch (NumberFormatException e) {
      return Optional.empty(); // an HTTP date: our own backoff instead
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static String clip(String s) {
    return s.length() <= 300 ? s : s.substring(0, 300) + "…";
  }

  /** A 200 whose body is not a chat answer. */
  private static final class BadAnswer extends Exception {
    BadAnswer(String message) {
      super(message);
    }
  }
}
