package dev.boxscore.microbench;

import dev.boxscore.wire.InvalidOtlpException;
import dev.boxscore.wire.OtlpTraceRequests;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

/**
 * The collector's first step: an OTLP/HTTP body of 2,000 spans into an {@code
 * ExportTraceServiceRequest}, from protobuf and from OTLP/JSON (which also checks the integer
 * fields and rewrites hex ids before protobuf's JSON parser runs).
 */
public class OtlpDecodeBenchmark extends RequestBenchmark {
  byte[] protobufBody;
  byte[] jsonBody;

  @Setup
  public void setUp() {
    ExportTraceServiceRequest request = BenchInput.request(contentBytes);
    protobufBody = request.toByteArray();
    jsonBody = BenchInput.json(request);
  }

  @Benchmark
  public ExportTraceServiceRequest protobuf() throws InvalidOtlpException {
    return OtlpTraceRequests.parseProtobuf(protobufBody);
  }

  @Benchmark
  public ExportTraceServiceRequest json() throws InvalidOtlpException {
    return OtlpTraceRequests.parseJson(jsonBody);
  }
}
