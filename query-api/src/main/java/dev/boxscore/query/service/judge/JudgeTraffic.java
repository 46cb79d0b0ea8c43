package dev.boxscore.query.service.judge;

import dev.boxscore.model.semconv.GenAiAttributes;
import dev.boxscore.storage.evaluators.Evaluator;
import dev.boxscore.storage.evaluators.JudgeCandidate;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The judge's own calls, exported to the collector over OTLP as OTel GenAI client spans of service
 * {@code boxscore-judge}, with the evaluator's ingest key: they are stored, priced and shown like
 * any service's calls, so the judge's tokens and cost appear under its own service in analytics and
 * the trace list. Each span links to the call it judged. Data still flows one way: the judge is a
 * client of the collector, it never writes spans itself.
 */
@ApplicationScoped
public class JudgeTraffic {
  /** The service the judge's calls are stored under. */
  public static final String SERVICE = "boxscore-judge";

  private final JudgeCollector collector;
  // One exporter per ingest key (per evaluator): the key decides the project the spans land in.
  private final Map<String, SdkTracerProvider> providers = new ConcurrentHashMap<>();

  JudgeTraffic(JudgeCollector collector) {
    this.collector = collector;
  }

  /** Records a judge call that answered. */
  void answered(Evaluator evaluator, JudgeCandidate judged, JudgeAnswer answer) {
    Span span = start(evaluator, judged, answer.start());
    span.setAttribute(GenAiAttributes.RESPONSE_MODEL, answer.responseModel());
    span.setAttribute(GenAiAttributes.USAGE_INPUT_TOKENS, answer.inputTokens());
    span.setAttribute(GenAiAttributes.USAGE_OUTPUT_TOKENS, answer.outputTokens());
    span.end(answer.end());
  }

  /** Records a judge call that failed for good. */
  void failed(Evaluator evaluator, JudgeCandidate judged, JudgeFailure failure) {
    Span span = start(evaluator, judged, failure.start());
    span.setAttribute(GenAiAttributes.ERROR_TYPE, failure.errorType());
    span.setStatus(StatusCode.ERROR, failure.getMessage());
    span.end(failure.end());
  }

  private Span start(Evaluator evaluator, JudgeCandidate judged, Instant start) {
    SdkTracerProvider provider =
        providers.computeIfAbsent(evaluator.ingestKey(), JudgeTraffic.this::provider);
    SpanBuilder builder =
        provider
            .get("boxscore-judge")
            .spanBuilder(GenAiAttributes.OP_CHAT + " " + evaluator.model())
            .setParent(Context.root())
            .setSpanKind(SpanKind.CLIENT)
            .setStartTimestamp(start)
            .setAttribute(GenAiAttributes.OPERATION_NAME, GenAiAttributes.OP_CHAT)
            .setAttribute(GenAiAttributes.PROVIDER_NAME, evaluator.judgeKind())
            .setAttribute(GenAiAttributes.REQUEST_MODEL, evaluator.model());
    SpanContext judgedCall =
        SpanContext.createFromRemoteParent(
            judged.traceId(), judged.spanId(), TraceFlags.getSampled(), TraceState.getDefault());
    if (judgedCall.isValid()) {
      builder.addLink(judgedCall);
    }
    return builder.startSpan();
  }

  private SdkTracerProvider provider(String ingestKey) {
    OtlpHttpSpanExporter exporter =
        OtlpHttpSpanExporter.builder()
            .setEndpoint(collector.otlpEndpoint().replaceAll("/+$", "") + "/v1/traces")
            .addHeader("Authorization", "Bearer " + ingestKey)
            .build();
    return SdkTracerProvider.builder()
        .setResource(
            Resource.create(
                Attributes.of(AttributeKey.stringKey(GenAiAttributes.SERVICE_NAME), SERVICE)))
        .addSpanProcessor(
            BatchSpanProcessor.builder(exporter).setScheduleDelay(Duration.ofMillis(500)).build())
        .build();
  }

  /** Sends what is buffered (the runner's round ends with this). */
  void flush() {
    providers.values().forEach(p -> p.forceFlush().join(10, TimeUnit.SECONDS));
  }

  @PreDestroy
  void close() {
    providers.values().forEach(p -> p.shutdown().join(10, TimeUnit.SECONDS));
    providers.clear();
  }
}
