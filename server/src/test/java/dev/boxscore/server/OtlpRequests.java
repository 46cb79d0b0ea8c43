package dev.boxscore.server;

import com.google.protobuf.ByteString;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

/** Raw OTLP requests: built span by span, sent as bytes over HTTP (protobuf or JSON) or gRPC. */
final class OtlpRequests {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private OtlpRequests() {}

  static ExportTraceServiceRequest spanOf(String traceIdHex, String service, String name) {
    byte[] spanId = new byte[8];
    new java.util.Random(name.hashCode() ^ traceIdHex.hashCode()).nextBytes(spanId);
    spanId[0] |= 1;
    long now = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis());
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(
            ResourceSpans.newBuilder()
                .setResource(Resource.newBuilder().addAttributes(attr("service.name", service)))
                .addScopeSpans(
                    ScopeSpans.newBuilder()
                        .addSpans(
                            Span.newBuilder()
                                .setTraceId(
                                    ByteString.copyFrom(HexFormat.of().parseHex(traceIdHex)))
                                .setSpanId(ByteString.copyFrom(spanId))
                                .setName(name)
                                .setStartTimeUnixNano(now)
                                .setEndTimeUnixNano(now + 1_000_000))))
        .build();
  }

  static ExportTraceServiceRequest withResourceAttribute(
      ExportTraceServiceRequest r, String key, String value) {
    ExportTraceServiceRequest.Builder b = r.toBuilder();
    b.getResourceSpansBuilder(0).getResourceBuilder().addAttributes(attr(key, value));
    return b.build();
  }

  static KeyValue attr(String key, String value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setStringValue(value))
        .build();
  }

  static HttpResponse<byte[]> post(int port, String key, ExportTraceServiceRequest request) {
    return post(port, key, "application/x-protobuf", request.toByteArray());
  }

  static HttpResponse<byte[]> post(int port, String key, String contentType, byte[] body) {
    try {
      return HTTP.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/traces"))
              .header("Content-Type", contentType)
              .header("Authorization", "Bearer " + key)
              .timeout(Duration.ofSeconds(30))
              .POST(HttpRequest.BodyPublishers.ofByteArray(body))
              .build(),
          HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * The OTLP/gRPC Export method with the request as raw bytes, so malformed messages can be sent.
   */
  static final MethodDescriptor<byte[], byte[]> RAW_EXPORT =
      MethodDescriptor.<byte[], byte[]>newBuilder()
          .setType(MethodDescriptor.MethodType.UNARY)
          .setFullMethodName("opentelemetry.proto.collector.trace.v1.TraceService/Export")
          .setRequestMarshaller(new Raw())
          .setResponseMarshaller(new Raw())
          .build();

  static ManagedChannel channel(int port) {
    return ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
  }

  /** Sends raw bytes over gRPC; the status the server answered. */
  static Status grpc(ManagedChannel channel, String key, byte[] body) {
    Metadata headers = new Metadata();
    headers.put(
        Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + key);
    try {
      ClientCall<byte[], byte[]> call =
          io.grpc.ClientInterceptors.intercept(
                  channel, MetadataUtils.newAttachHeadersInterceptor(headers))
              .newCall(RAW_EXPORT, CallOptions.DEFAULT.withDeadlineAfter(30, TimeUnit.SECONDS));
      ClientCalls.blockingUnaryCall(call, body);
      return Status.OK;
    } catch (io.grpc.StatusRuntimeException e) {
      return e.getStatus();
    }
  }

  private static final class Raw implements MethodDescriptor.Marshaller<byte[]> {
    @Override
    public InputStream stream(byte[] value) {
      return new ByteArrayInputStream(value);
    }

    @Override
    public byte[] parse(InputStream stream) {
      try {
        return stream.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
