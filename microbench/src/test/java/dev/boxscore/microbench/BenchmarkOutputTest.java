package dev.boxscore.microbench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boxscore.model.LlmCall;
import dev.boxscore.model.LlmDialect;
import dev.boxscore.wire.OtlpTraceRequests;
import dev.boxscore.wire.SpanRecord;
import dev.boxscore.wire.SpanRecordCodec;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each benchmark's setup and one invocation, checked against what the pipeline must produce, so a
 * benchmark cannot silently measure an empty input or a path that bails out early.
 */
class BenchmarkOutputTest {
  @ParameterizedTest(name = "content bytes {0}")
  @ValueSource(strings = {"0", BenchInput.CONTENT_BYTES})
  void decodeGivesBackTheRequestFromProtobufAndFromJson(int contentBytes) throws Exception {
    OtlpDecodeBenchmark benchmark = new OtlpDecodeBenchmark();
    benchmark.contentBytes = contentBytes;
    benchmark.setUp();

    ExportTraceServiceRequest sent = BenchInput.request(contentBytes);
    assertThat(OtlpTraceRequests.spanCount(sent)).isEqualTo(BenchInput.SPANS);
    assertThat(benchmark.protobuf()).isEqualTo(sent);
    assertThat(benchmark.json()).isEqualTo(sent);
  }

  @ParameterizedTest(name = "content bytes {0}")
  @ValueSource(strings = {"0", BenchInput.CONTENT_BYTES})
  void splitGivesOneRequestPerTraceHoldingAllItsSpans(int contentBytes) {
    TraceSplitBenchmark benchmark = new TraceSplitBenchmark();
    benchmark.contentBytes = contentBytes;
    benchmark.setUp();

    Map<String, ExportTraceServiceRequest> byTrace = benchmark.split();

    Set<String> traceIds = new HashSet<>();
    spans(benchmark.request).forEach(s -> traceIds.add(hex(s)));
    assertThat(byTrace.keySet()).containsExactlyInAnyOrderElementsOf(traceIds);
    assertThat(traceIds.size()).isGreaterThan(BenchInput.SPANS / 20);
    int total = 0;
    for (Map.Entry<String, ExportTraceServiceRequest> trace : byTrace.entrySet()) {
      assertThat(spans(trace.getValue())).allMatch(s -> hex(s).equals(trace.getKey()));
      total += OtlpTraceRequests.spanCount(trace.getValue());
    }
    assertThat(total).isEqualTo(BenchInput.SPANS);
  }

  @ParameterizedTest(name = "content bytes {0}")
  @ValueSource(strings = {"0", BenchInput.CONTENT_BYTES})
  void codecDecodesEveryRecordToWhatWasEncoded(int contentBytes) throws Exception {
    SpanRecordCodecBenchmark benchmark = new SpanRecordCodecBenchmark();
    benchmark.contentBytes = contentBytes;
    benchmark.setUp();
    benchmark.encode(TestBlackhole.create());
    benchmark.decode(TestBlackhole.create());

    List<SpanRecord> sent = benchmark.records;
    assertThat(sent.stream().mapToInt(r -> OtlpTraceRequests.spanCount(r.spans())).sum())
        .isEqualTo(BenchInput.SPANS);
    assertThat(benchmark.consumed).hasSameSizeAs(sent);
    for (int i = 0; i < sent.size(); i++) {
      assertThat(SpanRecordCodec.fromConsumerRecord(benchmark.consumed.get(i)))
          .isEqualTo(sent.get(i));
    }
  }

  static Stream<Arguments> dialects() {
    return Stream.of(
            Arguments.of(DialectSpans.SEMCONV_NEW, LlmDialect.GEN_AI),
            Arguments.of(DialectSpans.SEMCONV_OLD, LlmDialect.GEN_AI),
            Arguments.of(DialectSpans.OPENINFERENCE, LlmDialect.OPENINFERENCE),
            Arguments.of(DialectSpans.OPENLLMETRY, LlmDialect.OPENLLMETRY),
            Arguments.of(DialectSpans.LEGACY_PROMPT_N, LlmDialect.OPENLLMETRY))
        .flatMap(a -> Stream.of(false, true).map(c -> Arguments.of(a.get()[0], a.get()[1], c)));
  }

  @ParameterizedTest(name = "{0}, content {2}")
  @MethodSource("dialects")
  void normalizeFindsModelTokensAndContentInEveryDialect(
      String dialect, LlmDialect expected, boolean content) {
    NormalizeBenchmark benchmark = new NormalizeBenchmark();
    benchmark.dialect = dialect;
    benchmark.content = content;
    benchmark.setUp();

    LlmCall call = benchmark.normalize().orElseThrow();

    assertThat(call.dialects()).contains(expected);
    assertThat(call.provider()).isEqualTo("openai");
    assertThat(call.requestModel()).isEqualTo(DialectSpans.MODEL);
    assertThat(call.usage().reported()).isTrue();
    assertThat(call.usage().inputTokens()).isEqualTo(DialectSpans.INPUT_TOKENS);
    assertThat(call.usage().outputTokens()).isEqualTo(DialectSpans.OUTPUT_TOKENS);
    if (content) {
      assertThat(call.input()).contains(DialectSpans.QUESTION);
      assertThat(call.output()).contains("Order 4711 left the warehouse");
    } else {
      assertThat(call.input()).isNull();
      assertThat(call.output()).isNull();
    }
  }

  private static Stream<Span> spans(ExportTraceServiceRequest request) {
    return request.getResourceSpansList().stream()
        .map(ResourceSpans::getScopeSpansList)
        .flatMap(List::stream)
        .map(ScopeSpans::getSpansList)
        .flatMap(List::stream);
  }

  private static String hex(Span span) {
    return java.util.HexFormat.of().formatHex(span.getTraceId().toByteArray());
  }
}
