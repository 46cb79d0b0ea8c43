package dev.boxscore.collector.otlp;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import com.google.rpc.Code;
import com.google.rpc.Status;
import dev.boxscore.collector.service.ExportResult;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.nio.charset.StandardCharsets;

/**
 * OTLP/HTTP response bodies: the export response on success, a google.rpc.Status on failure (OTLP
 * spec).
 */
final class OtlpResponses {
  private static final JsonFormat.Printer JSON =
      JsonFormat.printer().omittingInsignificantWhitespace();

  private OtlpResponses() {}

  static ExportTraceServiceResponse success(ExportResult.Accepted accepted) {
    ExportTraceServiceResponse.Builder response = ExportTraceServiceResponse.newBuilder();
    if (accepted.rejectedSpans() > 0) {
      response.setPartialSuccess(
          ExportTracePartialSuccess.newBuilder()
              .setRejectedSpans(accepted.rejectedSpans())
              .setErrorMessage(accepted.rejectionMessage()));
    }
    return response.build();
  }

  static Status status(Code code, String message) {
    return Status.newBuilder().setCode(code.getNumber()).setMessage(message).build();
  }

  static byte[] encode(Message message, boolean json) {
    if (!json) {
      return message.toByteArray();
    }
    try {
      return JSON.print(message).getBytes(StandardCharsets.UTF_8);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("OTLP response messages always print as JSON", e);
    }
  }
}
