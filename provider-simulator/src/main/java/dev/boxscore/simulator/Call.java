package dev.boxscore.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;

/** One request being answered: its parsed body and scenario, and what has been sent back so far. */
final class Call {
  final HttpExchange exchange;
  final JsonNode body;
  final Scenario scenario;
  final String requestId;
  final Provider provider;
  private final SimulatorState state;
  String model;
  boolean stream;
  String responseModel;
  int status;
  private boolean recorded;

  Call(
      HttpExchange exchange,
      JsonNode body,
      Scenario scenario,
      String requestId,
      Provider provider,
      SimulatorState state) {
    this.exchange = exchange;
    this.body = body;
    this.scenario = scenario;
    this.requestId = requestId;
    this.provider = provider;
    this.state = state;
  }

  boolean responseStarted() {
    return status != 0;
  }

  /**
   * Records this request once, before its response goes out: a client that has read the whole
   * answer then finds the request in {@link ProviderSimulator#recordedRequests()}.
   */
  void record() {
    if (!recorded) {
      recorded = true;
      state.record(
          new RecordedRequest(
              exchange.getRequestMethod(),
              exchange.getRequestURI().getPath(),
              model,
              stream,
              status,
              responseModel));
    }
  }

  void sendJson(int status, JsonNode node) throws IOException {
    byte[] bytes = state.json.writeValueAsBytes(node);
    commonHeaders("application/json");
    this.status = status;
    record();
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  void sendError(int status, String message, String param) throws IOException {
    ObjectNode error = provider.errorBody(status, message, param, requestId);
    sendJson(status, error);
  }

  /**
   * Injected error with the retry hints both SDKs honour ({@code retry-after-ms} is read first).
   */
  void sendSimulatedError(SimulatedError error) throws IOException {
    int code = error.status(provider);
    Duration retryAfter = state.settings.retryAfter();
    if (error == SimulatedError.RATE_LIMITED || error == SimulatedError.OVERLOADED) {
      exchange
          .getResponseHeaders()
          .set("retry-after", String.valueOf(Math.max(1, (retryAfter.toMillis() + 999) / 1000)));
      exchange.getResponseHeaders().set("retry-after-ms", String.valueOf(retryAfter.toMillis()));
    }
    String message =
        switch (error) {
          case RATE_LIMITED ->
              "Rate limit reached for " + model + " (simulated). Please try again later.";
          case SERVER_ERROR -> "The server had an error while processing your request (simulated).";
          case OVERLOADED -> "Overloaded (simulated).";
        };
    sendError(code, message, null);
  }

  EventStream openStream() throws IOException {
    commonHeaders("text/event-stream; charset=utf-8");
    exchange.getResponseHeaders().set("Cache-Control", "no-cache");
    status = 200;
    record();
    exchange.sendResponseHeaders(200, 0);
    return new EventStream(exchange.getResponseBody(), state.json);
  }

  ObjectNode object() {
    return state.json.createObjectNode();
  }

  private void commonHeaders(String contentType) {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange
        .getResponseHeaders()
        .set(provider == Provider.ANTHROPIC ? "request-id" : "x-request-id", requestId);
  }
}
