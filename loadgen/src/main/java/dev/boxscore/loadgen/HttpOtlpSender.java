package dev.boxscore.loadgen;

import com.google.protobuf.InvalidProtocolBufferException;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;

/**
 * OTLP/HTTP protobuf, {@code POST /v1/traces}. One HTTP/1.1 client per instance, used by one thread
 * at a time, so each instance is one TCP connection.
 */
final class HttpOtlpSender implements OtlpSender {
  /** What the OTLP/HTTP spec says an exporter retries. */
  static final Set<Integer> RETRYABLE = Set.of(429, 502, 503, 504);

  private final HttpClient client;
  private final URI endpoint;
  private final String authorization;

  HttpOtlpSender(URI endpoint, String key) {
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    this.endpoint = endpoint;
    this.authorization = "Bearer " + key;
  }

  @Override
  public ExportAnswer export(ExportTraceServiceRequest request) throws InterruptedException {
    HttpRequest post =
        HttpRequest.newBuilder(endpoint)
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/x-protobuf")
            .header("Authorization", authorization)
            .POST(HttpRequest.BodyPublishers.ofByteArray(request.toByteArray()))
            .build();
    HttpResponse<byte[]> response;
    try {
      response = client.send(post, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      return ExportAnswer.refused("io error", true, null, "sending to " + endpoint + ": " + e);
    }
    int code = response.statusCode();
    String status = Integer.toString(code);
    if (code / 100 == 2) {
      try {
        ExportTraceServiceResponse answer = ExportTraceServiceResponse.parseFrom(response.body());
        return ExportAnswer.accepted(
            status,
            answer.getPartialSuccess().getRejectedSpans(),
            answer.getPartialSuccess().getErrorMessage());
      } catch (InvalidProtocolBufferException e) {
        // Accepted all the same: the status is what the OTLP spec makes binding.
        return ExportAnswer.accepted(status, 0, "unreadable response body");
      }
    }
    return ExportAnswer.refused(
        status,
        RETRYABLE.contains(code),
        retryAfter(response.headers().firstValue("Retry-After").orElse(null)),
        message(response.body()));
  }

  /** The OTLP spec's failure body, a google.rpc.Status, or the body as text when it is none. */
  static String message(byte[] body) {
    try {
      String message = com.google.rpc.Status.parseFrom(body).getMessage();
      if (!message.isEmpty()) {
        return message;
      }
    } catch (InvalidProtocolBufferException e) {
      // Not protobuf: a proxy's page or plain text.
    }
    return new String(body, StandardCharsets.UTF_8);
  }

  /** Retry-After in seconds; an HTTP date or garbage is ignored (the backoff applies). */
  static Duration retryAfter(String header) {
    if (header == null) {
      return null;
    }
    try {
      long seconds = Long.parseLong(header.strip());
      return seconds >= 0 ? Duration.ofSeconds(Math.min(seconds, 300)) : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  @Override
  public void close() {
    // HttpClient is AutoCloseable only from Java 21; on 17 its threads end when it is unreachable.
  }
}
