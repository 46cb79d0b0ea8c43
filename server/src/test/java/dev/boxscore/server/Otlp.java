package dev.boxscore.server;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** The real OpenTelemetry SDK, exporting over OTLP to the collector under test. */
final class Otlp {
  private Otlp() {}

  static SpanExporter httpExporter(int port, String key) {
    return OtlpHttpSpanExporter.builder()
        .setEndpoint("http://127.0.0.1:" + port + "/v1/traces")
        .addHeader("Authorization", "Bearer " + key)
        .build();
  }

  static SpanExporter grpcExporter(int port, String key) {
    return OtlpGrpcSpanExporter.builder()
        .setEndpoint("http://127.0.0.1:" + port)
        .addHeader("Authorization", "Bearer " + key)
        .build();
  }

  /**
   * Records spans with a tracer of the given service, each exported as it ends (one request per
   * span), and waits for them all when the body returns.
   *
   * @return whether the exporter reported success
   */
  static boolean export(SpanExporter exporter, String service, Consumer<Tracer> body) {
    return export(SimpleSpanProcessor.create(exporter), service, body);
  }

  /**
   * As {@link #export}, in requests of up to 512 spans as an application's batch processor sends
   * them: for a test's bulk traffic, where a request per span would time the collector's answers
   * one by one.
   */
  static boolean exportInBatches(SpanExporter exporter, String service, Consumer<Tracer> body) {
    return export(
        BatchSpanProcessor.builder(exporter)
            .setMaxQueueSize(100_000)
            .setMaxExportBatchSize(512)
            .build(),
        service,
        body);
  }

  private static boolean export(SpanProcessor processor, String service, Consumer<Tracer> body) {
    SdkTracerProvider provider =
        SdkTracerProvider.builder()
            .setResource(
                Resource.getDefault()
                    .merge(
                        Resource.create(
                            Attributes.of(AttributeKey.stringKey("service.name"), service))))
            .addSpanProcessor(processor)
            .build();
    try {
      body.accept(provider.get("boxscore-tests"));
      CompletableResultCode flushed = provider.forceFlush().join(30, TimeUnit.SECONDS);
      return flushed.isSuccess();
    } finally {
      provider.shutdown().join(10, TimeUnit.SECONDS);
    }
  }

  /** A request span with one child LLM span in the GenAI conventions (the stock agent's shape). */
  static String chatTrace(Tracer tracer, String model, long inputTokens, long outputTokens) {
    Span root = tracer.spanBuilder("POST /support").setSpanKind(SpanKind.SERVER).startSpan();
    try (Scope ignored = root.makeCurrent()) {
      Span chat =
          tracer
              .spanBuilder("chat " + model)
              .setSpanKind(SpanKind.CLIENT)
              .setAttribute("gen_ai.operation.name", "chat")
              .setAttribute("gen_ai.provider.name", "openai")
              .setAttribute("gen_ai.request.model", model)
              .setAttribute("gen_ai.response.model", model + "-2024-07-18")
              .setAttribute("gen_ai.usage.input_tokens", inputTokens)
              .setAttribute("gen_ai.usage.output_tokens", outputTokens)
              .setAttribute(
                  AttributeKey.stringArrayKey("gen_ai.response.finish_reasons"),
                  java.util.List.of("stop"))
              .startSpan();
      chat.end();
      Span db = tracer.spanBuilder("SELECT tickets").setSpanKind(SpanKind.CLIENT).startSpan();
      db.setStatus(StatusCode.ERROR, "connection reset");
      db.end();
    } finally {
      root.end();
    }
    return root.getSpanContext().getTraceId();
  }
}
