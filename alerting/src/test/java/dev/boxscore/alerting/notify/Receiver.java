package dev.boxscore.alerting.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** A real HTTP receiver on 127.0.0.1 that records what it gets and answers as scripted. */
final class Receiver implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One received POST. */
  record Request(String path, String contentType, String userAgent, String signature, byte[] body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Deque<Integer> scripted = new ConcurrentLinkedDeque<>();
  private volatile int otherwise = 200;
  private volatile CountDownLatch hold;

  private Receiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          byte[] body;
          try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
          }
          var h = exchange.getRequestHeaders();
          requests.add(
              new Request(
                  exchange.getRequestURI().getPath(),
                  h.getFirst("Content-Type"),
                  h.getFirst("User-Agent"),
                  h.getFirst(WebhookSignature.HEADER),
                  body));
          CountDownLatch latch = hold;
          if (latch != null) {
            try {
              latch.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          Integer scriptedStatus = scripted.poll();
          int status = scriptedStatus == null ? otherwise : scriptedStatus;
          byte[] answer = (status < 300 ? "ok" : "nope").getBytes();
          exchange.sendResponseHeaders(status, answer.length);
          exchange.getResponseBody().write(answer);
          exchange.close();
        });
    server.setExecutor(threads);
    server.start();
  }

  static Receiver start() {
    try {
      return new Receiver();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
  }

  /** The next answers, in order; after them {@link #otherwise}. */
  Receiver answer(int... statuses) {
    for (int s : statuses) {
      scripted.add(s);
    }
    return this;
  }

  Receiver otherwise(int status) {
    otherwise = status;
    return this;
  }

  /** Holds every request until {@link #release()}. */
  void hang() {
    hold = new CountDownLatch(1);
  }

  void release() {
    CountDownLatch latch = hold;
    hold = null;
    if (latch != null) {
      latch.countDown();
    }
  }

  List<Request> requests() {
    return List.copyOf(requests);
  }

  List<JsonNode> bodies() {
    return requests.stream().map(Request::json).toList();
  }

  @Override
  public void close() {
    release();
    server.stop(0);
    threads.shutdownNow();
  }
}
