package dev.boxscore.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.rpc.Status;
import dev.boxscore.collector.CollectorRole;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * What a client sees when it sends something the collector cannot take; nothing of it is stored.
 */
@QuarkusTest
class CollectorRejectsBadInputTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  @Inject CollectorRole collector;

  @Test
  void missingOrWrongKeyIs401() throws Exception {
    HttpResponse<byte[]> none =
        post("application/x-protobuf", null, null, validRequest().toByteArray());
    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(Status.parseFrom(none.body()).getMessage()).contains("Authorization: Bearer");

    HttpResponse<byte[]> wrong = post("application/json", "Bearer nope", null, "{}".getBytes());
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(new String(wrong.body())).contains("API key");
  }

  @Test
  void garbageIs400WithAMessage() throws Exception {
    HttpResponse<byte[]> protobuf =
        post("application/x-protobuf", bearer(), null, new byte[] {(byte) 0xff, (byte) 0xff, 0x07});
    assertThat(protobuf.statusCode()).isEqualTo(400);
    assertThat(Status.parseFrom(protobuf.body()).getMessage()).contains("protobuf");

    HttpResponse<byte[]> json =
        post("application/json", bearer(), null, "{\"resourceSpans\": [".getBytes());
    assertThat(json.statusCode()).isEqualTo(400);
    assertThat(new String(json.body())).contains("not valid JSON");

    HttpResponse<byte[]> badGzip =
        post("application/x-protobuf", bearer(), "gzip", new byte[] {1, 2, 3});
    assertThat(badGzip.statusCode()).isEqualTo(400);
    assertThat(Status.parseFrom(badGzip.body()).getMessage()).contains("gzip");

    HttpResponse<byte[]> wrongType = post("text/plain", bearer(), null, "hello".getBytes());
    assertThat(wrongType.statusCode()).isEqualTo(415);
  }

  @Test
  void invalidSpansAreNamedAndValidOnesInTheSameRequestKept() throws Exception {
    ExportTraceServiceRequest onlyInvalid = request(span(new byte[3], new byte[8]));
    HttpResponse<byte[]> rejected =
        post("application/x-protobuf", bearer(), null, onlyInvalid.toByteArray());
    assertThat(rejected.statusCode()).isEqualTo(400);
    assertThat(Status.parseFrom(rejected.body()).getMessage())
        .contains("resourceSpans[0].scopeSpans[0].spans[0].traceId: must be 16 bytes");

    ExportTraceServiceRequest mixed = request(span(new byte[3], new byte[8]), validSpan());
    HttpResponse<byte[]> partial =
        post("application/x-protobuf", bearer(), null, mixed.toByteArray());
    assertThat(partial.statusCode()).isEqualTo(200);
    ExportTraceServiceResponse response = ExportTraceServiceResponse.parseFrom(partial.body());
    assertThat(response.getPartialSuccess().getRejectedSpans()).isEqualTo(1);
    assertThat(response.getPartialSuccess().getErrorMessage()).contains("spans[0].traceId");
  }

  @Test
  void oversizeIs413EvenWhenGzipHidesIt() throws Exception {
    byte[] huge = new byte[9 * 1024 * 1024];
    HttpResponse<byte[]> plain = post("application/x-protobuf", bearer(), null, huge);
    assertThat(plain.statusCode()).isEqualTo(413);

    ByteArrayOutputStream zipped = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
      gzip.write(huge);
    }
    HttpResponse<byte[]> bomb =
        post("application/x-protobuf", bearer(), "gzip", zipped.toByteArray());
    assertThat(bomb.statusCode()).isEqualTo(413);
    assertThat(Status.parseFrom(bomb.body()).getMessage()).contains("exceeds the limit");
  }

  @Test
  void grpcWithoutValidKeyIsUnauthenticated() {
    ManagedChannel channel =
        ManagedChannelBuilder.forAddress("127.0.0.1", collector.grpcPort()).usePlaintext().build();
    try {
      Metadata headers = new Metadata();
      headers.put(
          Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer wrong");
      assertThatThrownBy(
              () ->
                  ClientCalls.blockingUnaryCall(
                      io.grpc.ClientInterceptors.intercept(
                          channel, MetadataUtils.newAttachHeadersInterceptor(headers)),
                      EXPORT,
                      io.grpc.CallOptions.DEFAULT,
                      validRequest()))
          .isInstanceOfSatisfying(
              StatusRuntimeException.class,
              e ->
                  assertThat(e.getStatus().getCode())
                      .isEqualTo(io.grpc.Status.Code.UNAUTHENTICATED));
    } finally {
      channel.shutdownNow();
    }
  }

  @Test
  void aValidKeyWithoutTheIngestScopeIs403OverHttpAndPermissionDeniedOverGrpc() throws Exception {
    Projects.Created project = Projects.create("read-only-sender");
    String readOnly = Projects.key(project.adminKey(), List.of("read"), null)[0];
    HttpResponse<byte[]> refused =
        post("application/x-protobuf", "Bearer " + readOnly, null, validRequest().toByteArray());
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(Status.parseFrom(refused.body()).getMessage()).contains("ingest scope");
    HttpResponse<byte[]> unknown =
        post("application/x-protobuf", "Bearer bx_unknown", null, validRequest().toByteArray());
    assertThat(unknown.statusCode()).as("an unknown key stays 401").isEqualTo(401);

    ManagedChannel channel = OtlpRequests.channel(collector.grpcPort());
    try {
      io.grpc.Status status = OtlpRequests.grpc(channel, readOnly, validRequest().toByteArray());
      assertThat(status.getCode()).isEqualTo(io.grpc.Status.Code.PERMISSION_DENIED);
      assertThat(status.getDescription()).contains("ingest scope");
    } finally {
      channel.shutdownNow();
    }
  }

  @Test
  void aGzipBombOverGrpcIsResourceExhaustedLikeHttps413WithoutAStackTrace() {
    // 32 MiB of zeros: about 32 KiB gzipped, four times the 8 MiB limit once inflated.
    byte[] inflated = new byte[32 * 1024 * 1024];
    ManagedChannel channel = OtlpRequests.channel(collector.grpcPort());
    try (LogCapture grpcLog = LogCapture.of("io.grpc")) {
      Metadata headers = new Metadata();
      headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), bearer());
      assertThatThrownBy(
              () ->
                  ClientCalls.blockingUnaryCall(
                      io.grpc.ClientInterceptors.intercept(
                          channel, MetadataUtils.newAttachHeadersInterceptor(headers)),
                      OtlpRequests.RAW_EXPORT,
                      io.grpc.CallOptions.DEFAULT
                          .withCompression("gzip")
                          .withDeadlineAfter(30, TimeUnit.SECONDS),
                      inflated))
          .isInstanceOfSatisfying(
              StatusRuntimeException.class,
              e -> {
                assertThat(e.getStatus().getCode())
                    .isEqualTo(io.grpc.Status.Code.RESOURCE_EXHAUSTED);
                assertThat(e.getStatus().getDescription()).contains("after decompression");
              });
      assertThat(grpcLog.atOrAbove(java.util.logging.Level.SEVERE))
          .as(grpcLog.messages().toString())
          .isZero();
    } finally {
      channel.shutdownNow();
    }
  }

  @Test
  void aSpanOlderThanTheProjectsRetentionIsRefusedAloneNamingTheRetention() throws Exception {
    Span old =
        validSpan().toBuilder()
            .setStartTimeUnixNano(1_000_000_000L)
            .setEndTimeUnixNano(2_000_000_000L)
            .build();
    HttpResponse<byte[]> onlyOld =
        post("application/x-protobuf", bearer(), null, request(old).toByteArray());
    assertThat(onlyOld.statusCode()).isEqualTo(400);
    assertThat(Status.parseFrom(onlyOld.body()).getMessage())
        .contains("spans[0].startTimeUnixNano: older than the project's retention");

    HttpResponse<byte[]> mixed =
        post("application/x-protobuf", bearer(), null, request(old, validSpan()).toByteArray());
    assertThat(mixed.statusCode()).isEqualTo(200);
    ExportTraceServiceResponse response = ExportTraceServiceResponse.parseFrom(mixed.body());
    assertThat(response.getPartialSuccess().getRejectedSpans()).isEqualTo(1);
    assertThat(response.getPartialSuccess().getErrorMessage()).contains("retention");
  }

  /** The export method as an OTLP client sees it. */
  static final MethodDescriptor<ExportTraceServiceRequest, ExportTraceServiceResponse> EXPORT =
      MethodDescriptor.<ExportTraceServiceRequest, ExportTraceServiceResponse>newBuilder()
          .setType(MethodDescriptor.MethodType.UNARY)
          .setFullMethodName("opentelemetry.proto.collector.trace.v1.TraceService/Export")
          .setRequestMarshaller(
              ProtoUtils.marshaller(ExportTraceServiceRequest.getDefaultInstance()))
          .setResponseMarshaller(
              ProtoUtils.marshaller(ExportTraceServiceResponse.getDefaultInstance()))
          .build();

  private HttpResponse<byte[]> post(
      String contentType, String authorization, String encoding, byte[] body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + collector.httpPort() + "/v1/traces"))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (authorization != null) request.header("Authorization", authorization);
    if (encoding != null) request.header("Content-Encoding", encoding);
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static String bearer() {
    return "Bearer " + EmbeddedInfrastructure.API_KEY;
  }

  static ExportTraceServiceRequest validRequest() {
    return request(validSpan());
  }

  static Span validSpan() {
    byte[] trace = new byte[16];
    new java.security.SecureRandom().nextBytes(trace);
    trace[0] = 1;
    return span(trace, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
  }

  static Span span(byte[] traceId, byte[] spanId) {
    long now = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis());
    return Span.newBuilder()
        .setTraceId(ByteString.copyFrom(traceId))
        .setSpanId(ByteString.copyFrom(spanId))
        .setName("work")
        .setStartTimeUnixNano(now)
        .setEndTimeUnixNano(now + 1000)
        .build();
  }

  static ExportTraceServiceRequest request(Span... spans) {
    ScopeSpans.Builder scope = ScopeSpans.newBuilder();
    for (Span s : spans) scope.addSpans(s);
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(ResourceSpans.newBuilder().addScopeSpans(scope))
        .build();
  }
}
