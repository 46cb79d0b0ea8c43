package dev.boxscore.microbench;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import dev.boxscore.loadgen.GeneratedRequests;
import dev.boxscore.wire.OtlpTraceRequests;
import dev.boxscore.wire.SpanRecord;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The input the request-sized benchmarks share: one export request of the load generator's traces,
 * in the forms each stage receives it.
 */
public final class BenchInput {
  /** Spans in the request; also each benchmark's {@code @OperationsPerInvocation}. */
  public static final int SPANS = 2000;

  /** Captured content per LLM call for the "with content" runs, as a load run would send it. */
  public static final String CONTENT_BYTES = "2000";

  public static final String PROJECT = "microbench";
  public static final Instant RECEIVED_AT = Instant.parse("2025-11-24T16:00:00Z");

  private static final Pattern BASE64_ID =
      Pattern.compile("\"(traceId|spanId|parentSpanId)\":\"([A-Za-z0-9+/=]*)\"");

  private BenchInput() {}

  public static ExportTraceServiceRequest request(int contentBytes) {
    // A fixed seed and end time: the same request on every run, whatever the clock says.
    return new GeneratedRequests(42, contentBytes)
        .request(0, SPANS, java.time.Instant.ofEpochSecond(1_764_000_000L));
  }

  /** OTLP/JSON as an SDK sends it: protobuf's JSON, compact, with ids in hex instead of base64. */
  public static byte[] json(ExportTraceServiceRequest request) {
    String canonical;
    try {
      canonical = JsonFormat.printer().omittingInsignificantWhitespace().print(request);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("request cannot be printed as JSON", e);
    }
    Matcher ids = BASE64_ID.matcher(canonical);
    StringBuilder out = new StringBuilder(canonical.length());
    while (ids.find()) {
      String hex = HexFormat.of().formatHex(Base64.getDecoder().decode(ids.group(2)));
      ids.appendReplacement(out, "\"" + ids.group(1) + "\":\"" + hex + "\"");
    }
    ids.appendTail(out);
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** The request as the collector hands it to Kafka: one record per trace. */
  public static List<SpanRecord> records(ExportTraceServiceRequest request) {
    List<SpanRecord> records = new ArrayList<>();
    OtlpTraceRequests.splitByTrace(request)
        .forEach(
            (traceId, spans) -> records.add(new SpanRecord(PROJECT, RECEIVED_AT, traceId, spans)));
    return records;
  }
}
