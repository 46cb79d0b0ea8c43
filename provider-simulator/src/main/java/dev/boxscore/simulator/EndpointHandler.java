package dev.boxscore.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Common request handling: body size limit, method, authentication (any non-empty bearer token or
 * x-api-key; 401 without one), JSON parsing, scenario header, 400 on bad input, and recording of
 * every answered request.
 */
abstract class EndpointHandler implements HttpHandler {
  private static final Logger LOG = Logger.getLogger(EndpointHandler.class.getName());

  final SimulatorState state;
  private final Provider provider;
  private final String method;

  EndpointHandler(SimulatorState state, Provider provider, String method) {
    this.state = state;
    this.provider = provider;
    this.method = method;
  }

  /**
   * Answers a request that passed the common checks; throws {@link BadRequestException} for invalid
   * input.
   */
  abstract void serve(Call call) throws IOException;

  /** The dialect of this request; {@code /v1/models} serves both. */
  Provider provider(HttpExchange exchange) {
    return provider;
  }

  @Override
  public final void handle(HttpExchange exchange) {
    Provider dialect = provider(exchange);
    Call call = null;
    try (exchange) {
      byte[] raw = readBody(exchange.getRequestBody());
      call =
          new Call(
              exchange,
              null,
              Scenario.defaults(state.settings),
              state.nextId("req_"),
              dialect,
              state);
      try {
        if (raw == null) {
          call.sendError(
              413, "Request body exceeds " + state.settings.maxBodyBytes() + " bytes.", null);
        } else if (method != null && !method.equals(exchange.getRequestMethod())) {
          exchange.getResponseHeaders().set("Allow", method);
          call.sendError(
              405,
              "Method " + exchange.getRequestMethod() + " not allowed; use " + method + ".",
              null);
        } else if (!authenticated(exchange)) {
          call.sendError(
              401,
              dialect == Provider.ANTHROPIC
                  ? "x-api-key header is required"
                  : "You didn't provide an API key. Send it as 'Authorization: Bearer KEY'.",
              null);
        } else {
          Scenario scenario =
              Scenario.resolve(
                  state.settings, exchange.getRequestHeaders().getFirst(Scenario.HEADER));
          call =
              new Call(
                  exchange,
                  "POST".equals(method) ? parse(raw) : null,
                  scenario,
                  call.requestId,
                  dialect,
                  state);
          serve(call);
        }
      } catch (BadRequestException e) {
        if (!call.responseStarted()) {
          call.sendError(400, e.getMessage(), e.field());
        }
      }
    } catch (IOException e) {
      // The client went away mid-response (e.g. a cancelled stream): nothing left to tell it.
      LOG.log(Level.FINE, "client disconnected", e);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "simulator failed on " + exchange.getRequestURI(), e);
      if (call != null && !call.responseStarted()) {
        try {
          call.sendError(500, "Simulator failure: " + e, null);
        } catch (IOException ignored) {
          // Already failing; the 500 is best effort.
        }
      }
    } finally {
      if (call != null) {
        // Requests answered normally were recorded before their response; this catches the rest.
        call.record();
      }
    }
  }

  /**
   * The error the scenario forces, else a seeded random one. Draws even when forced so the random
   * sequence depends only on the number of requests.
   */
  final boolean injectedError(Call call) throws IOException {
    Optional<SimulatedError> drawn = state.errors.draw();
    Optional<SimulatedError> error = call.scenario.forcedError().or(() -> drawn);
    if (error.isPresent()) {
      call.sendSimulatedError(error.get());
      return true;
    }
    return false;
  }

  private static boolean authenticated(HttpExchange exchange) {
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    String apiKey = exchange.getRequestHeaders().getFirst("x-api-key");
    boolean bearer =
        authorization != null
            && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
            && !authorization.substring(7).isBlank();
    return bearer || (apiKey != null && !apiKey.isBlank());
  }

  private JsonNode parse(byte[] raw) {
    if (raw.length == 0) {
      throw new BadRequestException(null, "Request body is empty; expected a JSON object.");
    }
    try {
      JsonNode node = state.json.readTree(raw);
      if (node == null || !node.isObject()) {
        throw new BadRequestException(null, "Request body must be a JSON object.");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new BadRequestException(
          null, "We could not parse the JSON body of your request: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new BadRequestException(null, "Unreadable request body: " + e.getMessage());
    }
  }

  /**
   * The whole body, or null when it is larger than the limit (the rest is drained so the connection
   * stays usable).
   */
  private byte[] readBody(InputStream in) throws IOException {
    int limit = state.settings.maxBodyBytes();
    byte[] body = in.readNBytes(limit + 1);
    if (body.length > limit) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
      return null;
    }
    return body;
  }
}
