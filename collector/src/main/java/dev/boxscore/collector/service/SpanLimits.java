package dev.boxscore.collector.service;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.List;

/**
 * Cuts what is too long instead of refusing it: a string (name, status message, attribute value at
 * any depth) longer than {@code maxValueChars} keeps its start plus {@link #MARKER} and the number
 * of characters cut; attributes beyond {@code maxAttributes} per span, event or resource are
 * dropped and counted in OTLP's dropped_attributes_count. One long value never costs a client its
 * whole batch.
 */
final class SpanLimits {
  static final String MARKER = "…[truncated ";

  private final int maxAttributes;
  private final int maxValueChars;
  private int truncations;

  private SpanLimits(int maxAttributes, int maxValueChars) {
    this.maxAttributes = maxAttributes;
    this.maxValueChars = maxValueChars;
  }

  record Result(ExportTraceServiceRequest request, int truncations) {}

  static Result apply(ExportTraceServiceRequest request, int maxAttributes, int maxValueChars) {
    SpanLimits limits = new SpanLimits(maxAttributes, maxValueChars);
    if (!limits.exceeded(request)) {
      return new Result(request, 0);
    }
    ExportTraceServiceRequest.Builder out = request.toBuilder().clearResourceSpans();
    for (ResourceSpans rs : request.getResourceSpansList()) {
      ResourceSpans.Builder r = rs.toBuilder().clearScopeSpans();
      Resource.Builder resource = rs.getResource().toBuilder().clearAttributes();
      resource.setDroppedAttributesCount(
          rs.getResource().getDroppedAttributesCount()
              + limits.attributes(rs.getResource().getAttributesList(), resource::addAttributes));
      r.setResource(resource);
      for (ScopeSpans ss : rs.getScopeSpansList()) {
        ScopeSpans.Builder s = ss.toBuilder().clearSpans();
        for (Span span : ss.getSpansList()) {
          s.addSpans(limits.span(span));
        }
        r.addScopeSpans(s);
      }
      out.addResourceSpans(r);
    }
    return new Result(out.build(), limits.truncations);
  }

  /** A quick pass so the common request, within every limit, is not rebuilt. */
  private boolean exceeded(ExportTraceServiceRequest request) {
    for (ResourceSpans rs : request.getResourceSpansList()) {
      if (exceeded(rs.getResource().getAttributesList())) return true;
      for (ScopeSpans ss : rs.getScopeSpansList()) {
        for (Span span : ss.getSpansList()) {
          if (span.getName().length() > maxValueChars
              || span.getStatus().getMessage().length() > maxValueChars
              || exceeded(span.getAttributesList())) {
            return true;
          }
          for (Span.Event e : span.getEventsList()) {
            if (e.getName().length() > maxValueChars || exceeded(e.getAttributesList()))
              return true;
          }
          for (Span.Link l : span.getLinksList()) {
            if (exceeded(l.getAttributesList())) return true;
          }
        }
      }
    }
    return false;
  }

  private boolean exceeded(List<KeyValue> attributes) {
    if (attributes.size() > maxAttributes) return true;
    for (KeyValue kv : attributes) {
      if (kv.getKey().length() > maxValueChars || exceeded(kv.getValue())) return true;
    }
    return false;
  }

  private boolean exceeded(AnyValue v) {
    return switch (v.getValueCase()) {
      case STRING_VALUE -> v.getStringValue().length() > maxValueChars;
      case BYTES_VALUE -> v.getBytesValue().size() > maxValueChars;
      case ARRAY_VALUE ->
          v.getArrayValue().getValuesCount() > maxAttributes
              || v.getArrayValue().getValuesList().stream().anyMatch(this::exceeded);
      case KVLIST_VALUE -> exceeded(v.getKvlistValue().getValuesList());
      default -> false;
    };
  }

  private Span span(Span span) {
    Span.Builder b = span.toBuilder().clearAttributes().clearEvents().clearLinks();
    b.setName(text(span.getName()));
    if (span.hasStatus()) {
      b.setStatus(span.getStatus().toBuilder().setMessage(text(span.getStatus().getMessage())));
    }
    b.setDroppedAttributesCount(
        span.getDroppedAttributesCount() + attributes(span.getAttributesList(), b::addAttributes));
    for (Span.Event e : span.getEventsList()) {
      Span.Event.Builder eb = e.toBuilder().clearAttributes().setName(text(e.getName()));
      eb.setDroppedAttributesCount(
          e.getDroppedAttributesCount() + attributes(e.getAttributesList(), eb::addAttributes));
      b.addEvents(eb);
    }
    for (Span.Link l : span.getLinksList()) {
      Span.Link.Builder lb = l.toBuilder().clearAttributes();
      lb.setDroppedAttributesCount(
          l.getDroppedAttributesCount() + attributes(l.getAttributesList(), lb::addAttributes));
      b.addLinks(lb);
    }
    return b.build();
  }

  /** Adds the kept attributes, shortened; returns how many were dropped. */
  private int attributes(List<KeyValue> in, java.util.function.Consumer<KeyValue> out) {
    int kept = Math.min(in.size(), maxAttributes);
    for (int i = 0; i < kept; i++) {
      KeyValue kv = in.get(i);
      out.accept(
          KeyValue.newBuilder().setKey(text(kv.getKey())).setValue(value(kv.getValue())).build());
    }
    if (in.size() > kept) {
      truncations++;
    }
    return in.size() - kept;
  }

  private AnyValue value(AnyValue v) {
    return switch (v.getValueCase()) {
      case STRING_VALUE -> AnyValue.newBuilder().setStringValue(text(v.getStringValue())).build();
      case BYTES_VALUE ->
          v.getBytesValue().size() <= maxValueChars
              ? v
              : AnyValue.newBuilder()
                  .setBytesValue(v.getBytesValue().substring(0, maxValueChars))
                  .build();
      case ARRAY_VALUE -> {
        ArrayValue.Builder a = ArrayValue.newBuilder();
        List<AnyValue> values = v.getArrayValue().getValuesList();
        values.stream().limit(maxAttributes).forEach(x -> a.addValues(value(x)));
        if (values.size() > maxAttributes) {
          truncations++;
        }
        yield AnyValue.newBuilder().setArrayValue(a).build();
      }
      case KVLIST_VALUE -> {
        KeyValueList.Builder l = KeyValueList.newBuilder();
        attributes(v.getKvlistValue().getValuesList(), l::addValues);
        yield AnyValue.newBuilder().setKvlistValue(l).build();
      }
      default -> v;
    };
  }

  private String text(String s) {
    if (s.length() <= maxValueChars) {
      return s;
    }
    truncations++;
    int keep = maxValueChars;
    // Never split a surrogate pair.
    if (Character.isHighSurrogate(s.charAt(keep - 1))) {
      keep--;
    }
    return s.substring(0, keep) + MARKER + (s.length() - keep) + " chars]";
  }
}
