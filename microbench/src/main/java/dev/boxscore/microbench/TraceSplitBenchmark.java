package dev.boxscore.microbench;

import dev.boxscore.wire.OtlpTraceRequests;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.util.Map;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

/**
 * The collector cutting a decoded request into one request per trace (one Kafka record each, keyed
 * by trace id), keeping each span's resource and scope.
 */
public class TraceSplitBenchmark extends RequestBenchmark {
  ExportTraceServiceRequest request;

  @Setup
  public void setUp() {
    request = BenchInput.request(contentBytes);
  }

  @Benchmark
  public Map<String, ExportTraceServiceRequest> split() {
    return OtlpTraceRequests.splitByTrace(request);
  }
}
