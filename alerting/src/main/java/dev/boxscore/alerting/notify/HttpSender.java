package dev.boxscore.alerting.notify;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** POSTs JSON to receivers; one blocking call per attempt, run on the Dispatcher's threads. */
final class HttpSender {
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  static final String USER_AGENT = "Boxscore-Alerting";

  /** Enough of an error body to say why (Slack: "invalid_payload", PagerDuty: its JSON). */
  private static final int BODY_KEPT = 300;

  /** The receiver's answer: status and the start of its body. */
  record Response(int status, String body) {
    boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  private final HttpClient client;
  private final Duration timeout;

  HttpSender(Duration timeout) {
    this.timeout = timeout;
    // HTTP/1.1: receivers are plain webhook endpoints, and h2c upgrade attempts confuse some.
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  Response post(URI url, byte[] body, Map<String, String> headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(url)
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .header("User-Agent", USER_AGENT)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(request::header);
    HttpResponse<InputStream> response =
        client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream in = response.body()) {
      String start = new String(in.readNBytes(BODY_KEPT), StandardCharsets.UTF_8);
      return new Response(response.statusCode(), start.strip());
    }
  }
}
