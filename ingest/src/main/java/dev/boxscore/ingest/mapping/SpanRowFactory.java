package dev.boxscore.ingest.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.boxscore.model.LlmCall;
import dev.boxscore.model.TokenUsage;
import dev.boxscore.model.normalize.LlmSpanNormalizer;
import dev.boxscore.model.normalize.SpanEvent;
import dev.boxscore.model.pricing.PriceCatalog;
import dev.boxscore.model.tokens.TokenEstimator;
import dev.boxscore.storage.SpanRow;
import dev.boxscore.wire.OtlpTraceRequests;
import dev.boxscore.wire.OtlpValues;
import dev.boxscore.wire.SpanRecord;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the OTLP spans of a Kafka record into storage rows: every attribute kept as text, LLM spans
 * of any dialect normalized into the LLM columns, and their cost computed from the price catalog at
 * the span's start time (analytics re-price tokens at query time; this column is the trace view's
 * price as known at ingest). When the provider reported no usage, tokens are estimated from the
 * captured content and the row is flagged {@code tokens_estimated} (its ingest cost stays null: an
 * estimate is never shown as a billed amount).
 */
public final class SpanRowFactory {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final LlmSpanNormalizer normalizer;
  private final PriceCatalog prices;
  private final TokenEstimator estimator;

  public SpanRowFactory(LlmSpanNormalizer normalizer, PriceCatalog prices) {
    this(normalizer, prices, new TokenEstimator());
  }

  public SpanRowFactory(
      LlmSpanNormalizer normalizer, PriceCatalog prices, TokenEstimator estimator) {
    this.normalizer = normalizer;
    this.prices = prices;
    this.estimator = estimator;
  }

  public List<SpanRow> rows(SpanRecord record, Instant ingestedAt) {
    List<SpanRow> rows = new ArrayList<>();
    for (ResourceSpans rs : record.spans().getResourceSpansList()) {
      String service = OtlpTraceRequests.serviceName(rs.getResource());
      Map<String, String> resourceAttributes = texts(rs.getResource().getAttributesList());
      for (ScopeSpans ss : rs.getScopeSpansList()) {
        for (Span span : ss.getSpansList()) {
          rows.add(row(record.projectId(), service, resourceAttributes, ss, span, ingestedAt));
        }
      }
    }
    return rows;
  }

  private SpanRow row(
      String projectId,
      String service,
      Map<String, String> resourceAttributes,
      ScopeSpans scope,
      Span span,
      Instant ingestedAt) {
    Instant start = instant(span.getStartTimeUnixNano());
    long duration = Math.max(0, span.getEndTimeUnixNano() - span.getStartTimeUnixNano());
    List<SpanEvent> events = events(span);
    Optional<LlmCall> llm =
        normalizer.normalize(
            span.getName(),
            span.getStartTimeUnixNano(),
            OtlpValues.toJavaMap(span.getAttributesList()),
            events);
    LlmCall call = llm.orElse(null);
    BigDecimal cost = call == null ? null : prices.cost(call, start).orElse(null);
    Optional<TokenUsage> estimate = call == null ? Optional.empty() : estimator.estimate(call);
    TokenUsage usage = call == null ? TokenUsage.unreported() : estimate.orElse(call.usage());
    return new SpanRow(
        projectId,
        OtlpValues.hex(span.getTraceId()),
        OtlpValues.hex(span.getSpanId()),
        OtlpValues.hex(span.getParentSpanId()),
        span.getName(),
        kind(span.getKind()),
        service,
        scope.getScope().getName(),
        scope.getScope().getVersion(),
        start,
        duration,
        status(span.getStatus().getCode()),
        span.getStatus().getMessage(),
        texts(span.getAttributesList()),
        resourceAttributes,
        eventsJson(events),
        call != null,
        call == null ? "" : nonNull(call.provider()),
        call == null ? "" : nonNull(call.operation()),
        call == null ? "" : nonNull(call.requestModel()),
        call == null ? "" : nonNull(call.responseModel()),
        call != null && call.usage().reported(),
        usage.inputTokens(),
        usage.outputTokens(),
        usage.cacheReadTokens(),
        usage.cacheWriteTokens(),
        usage.reasoningTokens(),
        cost,
        call == null ? null : call.timeToFirstTokenMs(),
        call == null ? List.of() : call.finishReasons(),
        call == null ? "" : nonNull(call.responseId()),
        call == null ? null : call.streaming(),
        call == null ? "" : nonNull(call.systemFingerprint()),
        call == null ? "" : nonNull(call.promptFingerprint()),
        call == null ? "" : nonNull(call.promptVersion()),
        call == null ? "" : nonNull(call.input()),
        call == null ? "" : nonNull(call.output()),
        ingestedAt,
        estimate.isPresent());
  }

  private static List<SpanEvent> events(Span span) {
    List<SpanEvent> events = new ArrayList<>(span.getEventsCount());
    for (Span.Event event : span.getEventsList()) {
      events.add(
          new SpanEvent(
              event.getName(),
              event.getTimeUnixNano(),
              OtlpValues.toJavaMap(event.getAttributesList())));
    }
    return events;
  }

  private static String eventsJson(List<SpanEvent> events) {
    if (events.isEmpty()) {
      return "";
    }
    List<Map<String, Object>> out = new ArrayList<>(events.size());
    for (SpanEvent event : events) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("name", event.name());
      e.put("timeUnixNano", Long.toUnsignedString(event.timeUnixNano()));
      e.put("attributes", event.attributes());
      out.add(e);
    }
    try {
      return JSON.writeValueAsString(out);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("span events cannot be written as JSON", e);
    }
  }

  private static Map<String, String> texts(List<KeyValue> attributes) {
    Map<String, String> map = new LinkedHashMap<>(attributes.size() * 2);
    for (KeyValue kv : attributes) {
      map.put(kv.getKey(), OtlpValues.toText(kv.getValue()));
    }
    return map;
  }

  private static Instant instant(long epochNanos) {
    return Instant.ofEpochSecond(
        Long.divideUnsigned(epochNanos, 1_000_000_000L),
        Long.remainderUnsigned(epochNanos, 1_000_000_000L));
  }

  private static String kind(Span.SpanKind kind) {
    return switch (kind) {
      case SPAN_KIND_INTERNAL -> "INTERNAL";
      case SPAN_KIND_SERVER -> "SERVER";
      case SPAN_KIND_CLIENT -> "CLIENT";
      case SPAN_KIND_PRODUCER -> "PRODUCER";
      case SPAN_KIND_CONSUMER -> "CONSUMER";
      default -> "UNSPECIFIED";
    };
  }

  private static String status(io.opentelemetry.proto.trace.v1.Status.StatusCode code) {
    return switch (code) {
      case STATUS_CODE_OK -> "OK";
      case STATUS_CODE_ERROR -> "ERROR";
      default -> "UNSET";
    };
  }

  private static String nonNull(String value) {
    return value == null ? "" : value;
  }
}
