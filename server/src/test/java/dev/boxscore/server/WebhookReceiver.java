package dev.boxscore.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP receiver for notifications: records every request (body and headers) and answers 500
 * to the first {@code failFirst} ones.
 */
final class WebhookReceiver implements AutoCloseable {
  /** One request: its body, headers, the status answered and when it arrived. */
  record Received(byte[] body, Map<String, List<String>> headers, int answered, Instant at) {
    JsonNode json() {
      try {
        return new ObjectMapper().readTree(body);
      } catch (IOException e) {
        throw new AssertionError(e);
      }
    }

    String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse(null);
    }
  }

  private final HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final AtomicInteger failFirst;

  WebhookReceiver(int failFirst) throws IOException {
    this.failFirst = new AtomicInteger(failFirst);
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          Instant at = Instant.now();
          int status = this.failFirst.getAndDecrement() > 0 ? 500 : 200;
          received.add(new Received(body, Map.copyOf(exchange.getRequestHeaders()), status, at));
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
  }

  /** The requests answered 200. */
  List<Received> delivered() {
    return received.stream().filter(r -> r.answered() == 200).toList();
  }

  List<Received> all() {
    return List.copyOf(received);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
