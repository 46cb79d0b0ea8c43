package dev.boxscore.collector.otlp;

import com.google.rpc.Code;
import dev.boxscore.auth.Principal;
import dev.boxscore.collector.config.CollectorConfig;
import dev.boxscore.collector.service.ExportResult;
import dev.boxscore.collector.service.TraceExportService;
import dev.boxscore.wire.InvalidOtlpException;
import dev.boxscore.wire.OtlpTraceRequests;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * OTLP/HTTP: {@code POST /v1/traces} with protobuf or JSON bodies, gzip or not. Answers as the OTLP
 * spec asks: 200 with a (partial-success) export response, 400 / 401 / 403 / 413 / 415 with a
 * google.rpc.Status naming the problem, 503 with Retry-After when Kafka cannot take the spans.
 */
public final class OtlpHttpServer {
  private static final Logger LOG = Logger.getLogger(OtlpHttpServer.class);
  static final String PATH = "/v1/traces";
  static final String PROTOBUF = "application/x-protobuf";
  static final String JSON = "application/json";

  private final Vertx vertx;
  private final CollectorConfig config;
  private final TraceExportService exports;
  private HttpServer server;

  public OtlpHttpServer(Vertx vertx, CollectorConfig config, TraceExportService exports) {
    this.vertx = vertx;
    this.config = config;
    this.exports = exports;
  }

  /** Starts listening; returns the bound port. */
  public int start() throws Exception {
    server =
        vertx
            .createHttpServer(
                new HttpServerOptions()
                    .setHost(config.host())
                    .setPort(config.httpPort())
                    .setDecompressionSupported(false))
            .requestHandler(this::handle);
    server.listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    return server.actualPort();
  }

  public void stop() throws Exception {
    if (server != null) {
      server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  private void handle(HttpServerRequest request) {
    String path = request.path();
    if (!PATH.equals(path)) {
      fail(
          request,
          404,
          Code.NOT_FOUND,
          "no such endpoint: " + path + " (OTLP traces go to " + PATH + ")",
          true);
      return;
    }
    String contentType = mediaType(request.getHeader(HttpHeaders.CONTENT_TYPE));
    boolean json = JSON.equals(contentType);
    if (request.method() != HttpMethod.POST) {
      request.response().putHeader(HttpHeaders.ALLOW, "POST");
      fail(
          request,
          405,
          Code.UNIMPLEMENTED,
          "method " + request.method() + " not allowed; use POST",
          json);
      return;
    }
    if (!json && !PROTOBUF.equals(contentType)) {
      fail(
          request,
          415,
          Code.INVALID_ARGUMENT,
          "Content-Type must be " + PROTOBUF + " or " + JSON + ", got " + contentType,
          false);
      return;
    }
    String encoding =
        Optional.ofNullable(request.getHeader(HttpHeaders.CONTENT_ENCODING)).orElse("identity");
    boolean gzip = "gzip".equalsIgnoreCase(encoding.strip());
    if (!gzip && !"identity".equalsIgnoreCase(encoding.strip())) {
      fail(
          request,
          415,
          Code.INVALID_ARGUMENT,
          "Content-Encoding must be gzip or identity, got " + encoding,
          json);
      return;
    }
    TraceExportService.Authentication caller =
        exports.authenticate(request.getHeader(HttpHeaders.AUTHORIZATION));
    if (caller.principal() == null) {
      exports.rejected(
          caller.refusal() instanceof ExportResult.Forbidden ? "forbidden" : "unauthorized");
      respond(request, caller.refusal(), json);
      return;
    }
    Optional<Principal> principal = Optional.of(caller.principal());
    int limit = config.maxRequestBytes();
    String contentLength = request.getHeader(HttpHeaders.CONTENT_LENGTH);
    if (contentLength != null && parseLong(contentLength) > limit) {
      exports.rejected("too_large");
      fail(
          request,
          413,
          Code.RESOURCE_EXHAUSTED,
          new BodyTooLargeException(limit).getMessage(),
          json);
      return;
    }
    Buffer body = Buffer.buffer();
    boolean[] tooLarge = {false};
    request.handler(
        chunk -> {
          if (tooLarge[0]) {
            return;
          }
          if (body.length() + chunk.length() > limit) {
            tooLarge[0] = true;
            exports.rejected("too_large");
            fail(
                request,
                413,
                Code.RESOURCE_EXHAUSTED,
                new BodyTooLargeException(limit).getMessage(),
                json);
            return;
          }
          body.appendBuffer(chunk);
        });
    request.endHandler(
        ignored -> {
          if (!tooLarge[0]) {
            vertx
                .<ExportTraceServiceRequest>executeBlocking(
                    () -> decode(body.getBytes(), gzip, json, limit), false)
                .onSuccess(decoded -> export(request, principal.get(), decoded, json))
                .onFailure(error -> decodeFailed(request, error, json));
          }
        });
  }

  private static ExportTraceServiceRequest decode(
      byte[] body, boolean gzip, boolean json, int limit)
      throws IOException, BodyTooLargeException, InvalidOtlpException {
    byte[] raw = gzip ? RequestBodies.gunzip(body, limit) : body;
    return json ? OtlpTraceRequests.parseJson(raw) : OtlpTraceRequests.parseProtobuf(raw);
  }

  private void decodeFailed(HttpServerRequest request, Throwable error, boolean json) {
    exports.rejected(error instanceof BodyTooLargeException ? "too_large" : "malformed");
    if (error instanceof BodyTooLargeException) {
      fail(request, 413, Code.RESOURCE_EXHAUSTED, error.getMessage(), json);
    } else if (error instanceof InvalidOtlpException) {
      fail(request, 400, Code.INVALID_ARGUMENT, error.getMessage(), json);
    } else if (error instanceof IOException) {
      fail(
          request,
          400,
          Code.INVALID_ARGUMENT,
          "body is not valid gzip: " + error.getMessage(),
          json);
    } else {
      LOG.error("unexpected failure decoding an OTLP request", error);
      fail(request, 500, Code.INTERNAL, "internal error", json);
    }
  }

  private void export(
      HttpServerRequest request,
      Principal principal,
      ExportTraceServiceRequest decoded,
      boolean json) {
    // On a worker: handing records to the producer blocks (up to its max.block.ms) while the broker
    // is away, and the
    // event loop must keep serving other requests meanwhile.
    vertx
        .<CompletionStage<ExportResult>>executeBlocking(
            () -> exports.export(principal, decoded), false)
        .onFailure(
            error -> {
              LOG.error("unexpected failure exporting spans", error);
              fail(request, 500, Code.INTERNAL, "internal error", json);
            })
        .onSuccess(
            pending ->
                pending.whenComplete(
                    (result, error) -> {
                      if (error != null) {
                        LOG.error("unexpected failure exporting spans", error);
                        fail(request, 500, Code.INTERNAL, "internal error", json);
                      } else {
                        respond(request, result, json);
                      }
                    }));
  }

  private void respond(HttpServerRequest request, ExportResult result, boolean json) {
    if (result instanceof ExportResult.Accepted accepted) {
      send(request, 200, OtlpResponses.encode(OtlpResponses.success(accepted), json), json);
    } else if (result instanceof ExportResult.Invalid invalid) {
      fail(request, 400, Code.INVALID_ARGUMENT, invalid.message(), json);
    } else if (result instanceof ExportResult.Unauthorized unauthorized) {
      fail(request, 401, Code.UNAUTHENTICATED, unauthorized.message(), json);
    } else if (result instanceof ExportResult.Forbidden forbidden) {
      fail(request, 403, Code.PERMISSION_DENIED, forbidden.message(), json);
    } else if (result instanceof ExportResult.TooLarge tooLarge) {
      fail(request, 413, Code.RESOURCE_EXHAUSTED, tooLarge.message(), json);
    } else if (result instanceof ExportResult.RateLimited limited) {
      request.response().putHeader("Retry-After", Integer.toString(limited.retryAfterSeconds()));
      fail(request, 429, Code.RESOURCE_EXHAUSTED, limited.message(), json);
    } else if (result instanceof ExportResult.Unavailable unavailable) {
      request.response().putHeader("Retry-After", Integer.toString(config.retryAfterSeconds()));
      fail(request, 503, Code.UNAVAILABLE, unavailable.message(), json);
    }
  }

  private static void fail(
      HttpServerRequest request, int status, Code code, String message, boolean json) {
    send(request, status, OtlpResponses.encode(OtlpResponses.status(code, message), json), json);
  }

  private static void send(HttpServerRequest request, int status, byte[] body, boolean json) {
    HttpServerResponse response = request.response();
    if (response.ended() || response.closed()) {
      return;
    }
    response
        .setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, json ? JSON : PROTOBUF)
        .end(Buffer.buffer(body));
  }

  private static String mediaType(String contentType) {
    if (contentType == null) {
      return "(none)";
    }
    int semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
        .strip()
        .toLowerCase(Locale.ROOT);
  }

  private static long parseLong(String value) {
    try {
      return Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
