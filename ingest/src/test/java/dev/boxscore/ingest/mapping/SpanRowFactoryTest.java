package dev.boxscore.ingest.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.boxscore.model.normalize.LlmSpanNormalizer;
import dev.boxscore.model.pricing.PriceCatalog;
import dev.boxscore.storage.SpanRow;
import dev.boxscore.wire.SpanRecord;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class SpanRowFactoryTest {
  private final SpanRowFactory factory =
      new SpanRowFactory(new LlmSpanNormalizer(), PriceCatalog.builtIn());
  private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

  @Test
  void withoutReportedUsageTokensAreEstimatedFromTheContentAndFlagged() {
    Span span =
        span("chat gpt-4o")
            .addAttributes(kv("gen_ai.operation.name", str("chat")))
            .addAttributes(kv("gen_ai.provider.name", str("openai")))
            .addAttributes(kv("gen_ai.request.model", str("gpt-4o")))
            .addAttributes(
                kv(
                    "gen_ai.input.messages",
                    str(
                        "[{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"Say hello to the world\"}]}]")))
            .addAttributes(
                kv(
                    "gen_ai.output.messages",
                    str(
                        "[{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":\"Hello, world!\"}]}]")))
            .build();

    SpanRow row = factory.rows(record(span), NOW).get(0);

    assertThat(row.usageReported()).isFalse();
    assertThat(row.tokensEstimated()).isTrue();
    // o200k_base: "Say hello to the world" = 5 tokens + 3 per message + 3 reply priming; "Hello,
    // world!" = 4.
    assertThat(row.inputTokens()).isEqualTo(11);
    assertThat(row.outputTokens()).isEqualTo(4);
    assertThat(row.costUsd()).isNull();
  }

  @Test
  void llmSpanBecomesARowWithNormalizedColumnsAndEveryAttributeKept() {
    Span span =
        span("chat gpt-4o-mini")
            .setKind(Span.SpanKind.SPAN_KIND_CLIENT)
            .addAttributes(kv("gen_ai.operation.name", str("chat")))
            .addAttributes(kv("gen_ai.provider.name", str("openai")))
            .addAttributes(kv("gen_ai.request.model", str("gpt-4o-mini")))
            .addAttributes(
                kv("gen_ai.usage.input_tokens", AnyValue.newBuilder().setIntValue(1000).build()))
            .addAttributes(
                kv("gen_ai.usage.output_tokens", AnyValue.newBuilder().setIntValue(500).build()))
            .addAttributes(
                kv(
                    "gen_ai.response.finish_reasons",
                    AnyValue.newBuilder()
                        .setArrayValue(ArrayValue.newBuilder().addValues(str("stop")))
                        .build()))
            .build();

    SpanRow row = factory.rows(record(span), NOW).get(0);

    assertThat(row.projectId()).isEqualTo("p1");
    assertThat(row.traceId()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
    assertThat(row.spanId()).isEqualTo("b7ad6b7169203331");
    assertThat(row.parentSpanId()).isEmpty();
    assertThat(row.service()).isEqualTo("checkout");
    assertThat(row.scopeName()).isEqualTo("io.opentelemetry.openai-java-1.1");
    assertThat(row.kind()).isEqualTo("CLIENT");
    assertThat(row.startTime()).isEqualTo(Instant.parse("2026-11-28T11:59:59.123456789Z"));
    assertThat(row.durationNanos()).isEqualTo(250_000_000L);
    assertThat(row.isLlm()).isTrue();
    assertThat(row.llmProvider()).isEqualTo("openai");
    assertThat(row.requestModel()).isEqualTo("gpt-4o-mini");
    assertThat(row.inputTokens()).isEqualTo(1000);
    assertThat(row.outputTokens()).isEqualTo(500);
    assertThat(row.costUsd()).isEqualByComparingTo(new BigDecimal("0.00045"));
    assertThat(row.finishReasons()).containsExactly("stop");
    assertThat(row.attributes())
        .containsEntry("gen_ai.usage.input_tokens", "1000")
        .containsEntry("gen_ai.response.finish_reasons", "[\"stop\"]");
    assertThat(row.resourceAttributes()).containsEntry("service.name", "checkout");
    assertThat(row.ingestedAt()).isEqualTo(NOW);
  }

  @Test
  void plainSpanHasEmptyLlmColumnsAndKeepsStatusAndEvents() {
    Span span =
        span("SELECT tickets")
            .setParentSpanId(ByteString.copyFrom(HexFormat.of().parseHex("00f067aa0ba902b7")))
            .setStatus(
                Status.newBuilder()
                    .setCode(Status.StatusCode.STATUS_CODE_ERROR)
                    .setMessage("timeout"))
            .addEvents(
                Span.Event.newBuilder()
                    .setName("exception")
                    .setTimeUnixNano(1)
                    .addAttributes(kv("exception.message", str("timeout"))))
            .build();

    SpanRow row = factory.rows(record(span), NOW).get(0);

    assertThat(row.isLlm()).isFalse();
    assertThat(row.costUsd()).isNull();
    assertThat(row.requestModel()).isEmpty();
    assertThat(row.parentSpanId()).isEqualTo("00f067aa0ba902b7");
    assertThat(row.statusCode()).isEqualTo("ERROR");
    assertThat(row.statusMessage()).isEqualTo("timeout");
    assertThat(row.eventsJson())
        .contains("\"name\":\"exception\"")
        .contains("\"exception.message\":\"timeout\"");
  }

  @Test
  void unknownModelIsUnpricedNotFree() {
    Span span =
        span("chat my-finetune")
            .addAttributes(kv("gen_ai.operation.name", str("chat")))
            .addAttributes(kv("gen_ai.request.model", str("acme-private-model-7")))
            .addAttributes(
                kv("gen_ai.usage.input_tokens", AnyValue.newBuilder().setIntValue(10).build()))
            .addAttributes(
                kv("gen_ai.usage.output_tokens", AnyValue.newBuilder().setIntValue(10).build()))
            .build();
    SpanRow row = factory.rows(record(span), NOW).get(0);
    assertThat(row.isLlm()).isTrue();
    assertThat(row.costUsd()).isNull();
  }

  private static Span.Builder span(String name) {
    long start = NOW.getEpochSecond() * 1_000_000_000L - 876_543_211L;
    return Span.newBuilder()
        .setTraceId(
            ByteString.copyFrom(HexFormat.of().parseHex("0af7651916cd43dd8448eb211c80319c")))
        .setSpanId(ByteString.copyFrom(HexFormat.of().parseHex("b7ad6b7169203331")))
        .setName(name)
        .setStartTimeUnixNano(start)
        .setEndTimeUnixNano(start + 250_000_000L);
  }

  private static SpanRecord record(Span span) {
    return new SpanRecord(
        "p1",
        NOW,
        "0af7651916cd43dd8448eb211c80319c",
        ExportTraceServiceRequest.newBuilder()
            .addResourceSpans(
                ResourceSpans.newBuilder()
                    .setResource(
                        Resource.newBuilder().addAttributes(kv("service.name", str("checkout"))))
                    .addScopeSpans(
                        ScopeSpans.newBuilder()
                            .setScope(
                                InstrumentationScope.newBuilder()
                                    .setName("io.opentelemetry.openai-java-1.1"))
                            .addSpans(span)))
            .build());
  }

  private static KeyValue kv(String key, AnyValue value) {
    return KeyValue.newBuilder().setKey(key).setValue(value).build();
  }

  private static AnyValue str(String s) {
    return AnyValue.newBuilder().setStringValue(s).build();
  }
}
