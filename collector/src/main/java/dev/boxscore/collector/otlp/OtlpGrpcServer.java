package dev.boxscore.collector.otlp;

import dev.boxscore.auth.Principal;
import dev.boxscore.collector.config.CollectorConfig;
import dev.boxscore.collector.service.ExportResult;
import dev.boxscore.collector.service.TraceExportService;
import dev.boxscore.wire.InvalidOtlpException;
import dev.boxscore.wire.OtlpTraceRequests;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * OTLP/gRPC: {@code opentelemetry.proto.collector.trace.v1.TraceService/Export}, bound by hand from
 * the OTLP message classes (the published proto artifact has no service stubs). Status codes follow
 * the OTLP spec: UNAUTHENTICATED, INVALID_ARGUMENT, RESOURCE_EXHAUSTED (message over the size
 * limit, from gRPC itself) and UNAVAILABLE, which OTLP exporters retry.
 */
public final class OtlpGrpcServer {
  // The request arrives as bytes and is decoded in export(): a marshaller that throws makes gRPC
  // answer UNKNOWN
  // without a reason, where a malformed message deserves INVALID_ARGUMENT naming the problem.
  static final MethodDescriptor<byte[], ExportTraceServiceResponse> EXPORT =
      MethodDescriptor.<byte[], ExportTraceServiceResponse>newBuilder()
          .setType(MethodDescriptor.MethodType.UNARY)
          .setFullMethodName("opentelemetry.proto.collector.trace.v1.TraceService/Export")
          .setRequestMarshaller(new RawBytes())
          .setResponseMarshaller(
              ProtoUtils.marshaller(ExportTraceServiceResponse.getDefaultInstance()))
          .build();

  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
  private static final Context.Key<Principal> PRINCIPAL = Context.key("boxscore-principal");

  private final CollectorConfig config;
  private final TraceExportService exports;
  private Server server;

  public OtlpGrpcServer(CollectorConfig config, TraceExportService exports) {
    this.config = config;
    this.exports = exports;
  }

  /** Starts listening; returns the bound port. */
  public int start() throws Exception {
    ServerServiceDefinition service =
        ServerServiceDefinition.builder("opentelemetry.proto.collector.trace.v1.TraceService")
            .addMethod(EXPORT, ServerCalls.asyncUnaryCall(this::export))
            .build();
    server =
        NettyServerBuilder.forAddress(new InetSocketAddress(config.host(), config.grpcPort()))
            .maxInboundMessageSize(config.maxRequestBytes())
            .addService(ServerInterceptors.intercept(service, new Authentication()))
            .build()
            .start();
    return server.getPort();
  }

  public void stop() throws InterruptedException {
    if (server != null) {
      server.shutdown();
      if (!server.awaitTermination(10, TimeUnit.SECONDS)) {
        server.shutdownNow();
      }
    }
  }

  private void export(byte[] body, StreamObserver<ExportTraceServiceResponse> response) {
    if (body == RawBytes.TOO_LARGE) {
      exports.rejected("too_large");
      response.onError(
          Status.RESOURCE_EXHAUSTED
              .withDescription(
                  "request exceeds " + config.maxRequestBytes() + " bytes (after decompression)")
              .asRuntimeException());
      return;
    }
    if (body == RawBytes.UNREADABLE) {
      exports.rejected("malformed");
      response.onError(
          Status.INVALID_ARGUMENT
              .withDescription("the request could not be read or decompressed")
              .asRuntimeException());
      return;
    }
    ExportTraceServiceRequest request;
    try {
      request = OtlpTraceRequests.parseProtobuf(body);
    } catch (InvalidOtlpException e) {
      exports.rejected("malformed");
      response.onError(
          Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
      return;
    }
    exports
        .export(PRINCIPAL.get(), request)
        .whenComplete(
            (result, error) -> {
              if (error != null) {
                response.onError(
                    Status.INTERNAL.withDescription("internal error").asRuntimeException());
                return;
              }
              if (result instanceof ExportResult.Accepted accepted) {
                response.onNext(OtlpResponses.success(accepted));
                response.onCompleted();
              } else if (result instanceof ExportResult.Invalid invalid) {
                response.onError(
                    Status.INVALID_ARGUMENT
                        .withDescription(invalid.message())
                        .asRuntimeException());
              } else if (result instanceof ExportResult.Unauthorized unauthorized) {
                response.onError(
                    Status.UNAUTHENTICATED
                        .withDescription(unauthorized.message())
                        .asRuntimeException());
              } else if (result instanceof ExportResult.Forbidden forbidden) {
                response.onError(
                    Status.PERMISSION_DENIED
                        .withDescription(forbidden.message())
                        .asRuntimeException());
              } else if (result instanceof ExportResult.TooLarge tooLarge) {
                response.onError(
                    Status.RESOURCE_EXHAUSTED
                        .withDescription(tooLarge.message())
                        .asRuntimeException());
              } else if (result instanceof ExportResult.RateLimited limited) {
                // OTLP/gRPC clients retry RESOURCE_EXHAUSTED only when told how long to wait; the
                // message says it.
                response.onError(
                    Status.RESOURCE_EXHAUSTED
                        .withDescription(limited.message())
                        .asRuntimeException());
              } else if (result instanceof ExportResult.Unavailable unavailable) {
                response.onError(
                    Status.UNAVAILABLE.withDescription(unavailable.message()).asRuntimeException());
              }
            });
  }

  /** Rejects calls without an ingest key before their message is even read. */
  private final class Authentication implements ServerInterceptor {
    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
        ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
      TraceExportService.Authentication caller = exports.authenticate(headers.get(AUTHORIZATION));
      if (caller.principal() == null) {
        boolean forbidden = caller.refusal() instanceof ExportResult.Forbidden;
        exports.rejected(forbidden ? "forbidden" : "unauthorized");
        call.close(
            forbidden
                ? Status.PERMISSION_DENIED.withDescription(TraceExportService.forbidden().message())
                : Status.UNAUTHENTICATED.withDescription(
                    TraceExportService.unauthorized().message()),
            new Metadata());
        return new ServerCall.Listener<>() {};
      }
      return Contexts.interceptCall(
          Context.current().withValue(PRINCIPAL, caller.principal()), call, headers, next);
    }
  }

  /**
   * Reads the message as sent. A message over the size limit once decompressed (a gzip bomb) or
   * unreadable is handed on as a marker, not thrown: gRPC answers an exception from a marshaller
   * with UNKNOWN and logs its stack trace, where the sender deserves RESOURCE_EXHAUSTED (HTTP's
   * 413) or INVALID_ARGUMENT (400).
   */
  private static final class RawBytes implements MethodDescriptor.Marshaller<byte[]> {
    static final byte[] TOO_LARGE = new byte[0];
    static final byte[] UNREADABLE = new byte[0];

    @Override
    public java.io.InputStream stream(byte[] value) {
      return new java.io.ByteArrayInputStream(value);
    }

    @Override
    public byte[] parse(java.io.InputStream stream) {
      try {
        return stream.readAllBytes();
      } catch (io.grpc.StatusRuntimeException e) {
        return e.getStatus().getCode() == Status.Code.RESOURCE_EXHAUSTED ? TOO_LARGE : UNREADABLE;
      } catch (java.io.IOException | RuntimeException e) {
        return UNREADABLE;
      }
    }
  }
}
