package dev.boxscore.loadgen;

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * OTLP/gRPC {@code TraceService/Export}, a unary call bound by hand from the OTLP message classes
 * (the published proto artifact has no service stubs). One channel per instance: one HTTP/2
 * connection.
 */
final class GrpcOtlpSender implements OtlpSender {
  static final MethodDescriptor<ExportTraceServiceRequest, ExportTraceServiceResponse> EXPORT =
      MethodDescriptor.<ExportTraceServiceRequest, ExportTraceServiceResponse>newBuilder()
          .setType(MethodDescriptor.MethodType.UNARY)
          .setFullMethodName("opentelemetry.proto.collector.trace.v1.TraceService/Export")
          .setRequestMarshaller(
              ProtoUtils.marshaller(ExportTraceServiceRequest.getDefaultInstance()))
          .setResponseMarshaller(
              ProtoUtils.marshaller(ExportTraceServiceResponse.getDefaultInstance()))
          .build();

  /** What the OTLP/gRPC spec says an exporter retries. */
  static final Set<Status.Code> RETRYABLE =
      Set.of(
          Status.Code.CANCELLED,
          Status.Code.DEADLINE_EXCEEDED,
          Status.Code.RESOURCE_EXHAUSTED,
          Status.Code.ABORTED,
          Status.Code.OUT_OF_RANGE,
          Status.Code.UNAVAILABLE,
          Status.Code.DATA_LOSS);

  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  private final ManagedChannel channel;
  private final io.grpc.Channel authorized;

  GrpcOtlpSender(String host, int port, String key) {
    this.channel =
        NettyChannelBuilder.forAddress(host, port)
            .usePlaintext()
            .maxInboundMessageSize(16 * 1024 * 1024)
            .build();
    Metadata headers = new Metadata();
    headers.put(AUTHORIZATION, "Bearer " + key);
    this.authorized =
        io.grpc.ClientInterceptors.intercept(
            channel, MetadataUtils.newAttachHeadersInterceptor(headers));
  }

  @Override
  public ExportAnswer export(ExportTraceServiceRequest request) throws InterruptedException {
    try {
      ExportTraceServiceResponse answer =
          ClientCalls.blockingUnaryCall(
              authorized,
              EXPORT,
              CallOptions.DEFAULT.withDeadlineAfter(30, TimeUnit.SECONDS),
              request);
      return ExportAnswer.accepted(
          "grpc OK",
          answer.getPartialSuccess().getRejectedSpans(),
          answer.getPartialSuccess().getErrorMessage());
    } catch (StatusRuntimeException e) {
      if (Thread.interrupted()) {
        throw new InterruptedException("export interrupted");
      }
      Status status = e.getStatus();
      return ExportAnswer.refused(
          "grpc " + status.getCode(),
          RETRYABLE.contains(status.getCode()),
          null,
          String.valueOf(status.getDescription()));
    }
  }

  @Override
  public void close() {
    channel.shutdownNow();
    try {
      channel.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
