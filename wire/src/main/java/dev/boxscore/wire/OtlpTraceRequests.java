package dev.boxscore.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/** Decoding OTLP trace export requests, and cutting them into one request per trace. */
public final class OtlpTraceRequests {
  /** The resource attribute that names the service. */
  public static final String SERVICE_NAME = "service.name";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonFormat.Parser JSON_PARSER = JsonFormat.parser().ignoringUnknownFields();
  private static final HexFormat HEX = HexFormat.of();

  private OtlpTraceRequests() {}

  public static ExportTraceServiceRequest parseProtobuf(byte[] body) throws InvalidOtlpException {
    try {
      return ExportTraceServiceRequest.parseFrom(body);
    } catch (InvalidProtocolBufferException e) {
      throw new InvalidOtlpException(
          "body is not a protobuf ExportTraceServiceRequest: " + e.getMessage(), e);
    }
  }

  /**
   * OTLP/JSON differs from protobuf's canonical JSON in one way that matters: trace and span ids
   * are hex strings, not base64. They are rewritten to base64 before the standard parser runs.
   */
  public static ExportTraceServiceRequest parseJson(byte[] body) throws InvalidOtlpException {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (IOException e) {
      throw new InvalidOtlpException(
          "body is not valid JSON: "
              + (e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()),
          e);
    }
    if (root == null || !root.isObject()) {
      throw new InvalidOtlpException("body must be a JSON object with resourceSpans");
    }
    checkIntegers(root, "");
    rewriteIds(root, "");
    ExportTraceServiceRequest.Builder builder = ExportTraceServiceRequest.newBuilder();
    try {
      JSON_PARSER.merge(JSON.writeValueAsString(root), builder);
    } catch (InvalidProtocolBufferException | JsonProcessingException e) {
      throw new InvalidOtlpException(
          "body is not an OTLP/JSON ExportTraceServiceRequest: " + e.getMessage(), e);
    }
    return builder.build();
  }

  private static void rewriteIds(JsonNode node, String path) throws InvalidOtlpException {
    if (node instanceof ObjectNode object) {
      var fields = object.fields();
      while (fields.hasNext()) {
        var field = fields.next();
        String name = field.getKey();
        String fieldPath = path.isEmpty() ? name : path + "." + name;
        if (isIdField(name) && field.getValue().isTextual()) {
          field.setValue(new TextNode(hexToBase64(field.getValue().asText(), fieldPath)));
        } else if (!"attributes".equals(name)) {
          // Attribute values are user data: a key named traceId inside them is not an id field.
          rewriteIds(field.getValue(), fieldPath);
        }
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        rewriteIds(array.get(i), path + "[" + i + "]");
      }
    }
  }

  private static final java.util.regex.Pattern INTEGER =
      java.util.regex.Pattern.compile("-?[0-9]{1,20}");
  private static final java.util.Set<String> INTEGER_FIELDS =
      java.util.Set.of(
          "startTimeUnixNano",
          "start_time_unix_nano",
          "endTimeUnixNano",
          "end_time_unix_nano",
          "timeUnixNano",
          "time_unix_nano",
          "intValue",
          "int_value",
          "droppedAttributesCount",
          "dropped_attributes_count",
          "droppedEventsCount",
          "dropped_events_count",
          "droppedLinksCount",
          "dropped_links_count",
          "flags");

  /**
   * 64-bit integers come as JSON strings, which protobuf's JSON parser reads through BigDecimal: a
   * value such as "1e99900000" made it compute a 100-million-digit power of ten, holding a thread
   * for minutes (found by FuzzTest). Integer fields must hold plain integers of at most 20 digits;
   * anything else is a 400 naming the field.
   */
  private static void checkIntegers(JsonNode node, String path) throws InvalidOtlpException {
    if (node instanceof ObjectNode object) {
      var fields = object.fields();
      while (fields.hasNext()) {
        var field = fields.next();
        String fieldPath = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
        JsonNode value = field.getValue();
        if (INTEGER_FIELDS.contains(field.getKey())) {
          boolean ok =
              value.isNull()
                  || (value.isTextual() && INTEGER.matcher(value.asText()).matches())
                  || (value.isIntegralNumber() && value.asText().length() <= 21);
          if (!ok) {
            throw new InvalidOtlpException(
                fieldPath
                    + ": must be an integer of at most 20 digits, got "
                    + abbreviate(value.toString()));
          }
        } else {
          checkIntegers(value, fieldPath);
        }
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        checkIntegers(array.get(i), path + "[" + i + "]");
      }
    }
  }

  private static boolean isIdField(String name) {
    return switch (name) {
      case "traceId", "trace_id", "spanId", "span_id", "parentSpanId", "parent_span_id" -> true;
      default -> false;
    };
  }

  private static String hexToBase64(String hex, String path) throws InvalidOtlpException {
    try {
      return Base64.getEncoder().encodeToString(HEX.parseHex(hex));
    } catch (IllegalArgumentException e) {
      throw new InvalidOtlpException(
          path + ": id must be a hex string, got \"" + abbreviate(hex) + "\"");
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "…";
  }

  /** The number of spans in a request. */
  public static int spanCount(ExportTraceServiceRequest request) {
    int count = 0;
    for (ResourceSpans rs : request.getResourceSpansList()) {
      for (ScopeSpans ss : rs.getScopeSpansList()) {
        count += ss.getSpansCount();
      }
    }
    return count;
  }

  /** The service name of a resource, or "unknown_service" as the SDKs default it. */
  public static String serviceName(Resource resource) {
    for (var kv : resource.getAttributesList()) {
      if (SERVICE_NAME.equals(kv.getKey())
          && kv.getValue().getValueCase() == AnyValue.ValueCase.STRING_VALUE) {
        return kv.getValue().getStringValue();
      }
    }
    return "unknown_service";
  }

  /**
   * One request per trace id (hex), each keeping its spans' resource and scope, in the order traces
   * first appear.
   */
  public static Map<String, ExportTraceServiceRequest> splitByTrace(
      ExportTraceServiceRequest request) {
    Map<ByteString, ExportTraceServiceRequest.Builder> byTrace = new LinkedHashMap<>();
    for (ResourceSpans rs : request.getResourceSpansList()) {
      for (ScopeSpans ss : rs.getScopeSpansList()) {
        Map<ByteString, ScopeSpans.Builder> scopesHere = new LinkedHashMap<>();
        for (Span span : ss.getSpansList()) {
          scopesHere
              .computeIfAbsent(span.getTraceId(), id -> ss.toBuilder().clearSpans())
              .addSpans(span);
        }
        scopesHere.forEach(
            (traceId, scope) -> {
              ExportTraceServiceRequest.Builder out =
                  byTrace.computeIfAbsent(traceId, id -> ExportTraceServiceRequest.newBuilder());
              ResourceSpans.Builder last =
                  out.getResourceSpansCount() == 0
                      ? null
                      : out.getResourceSpansBuilder(out.getResourceSpansCount() - 1);
              if (last != null
                  && last.getResource().equals(rs.getResource())
                  && last.getSchemaUrl().equals(rs.getSchemaUrl())) {
                last.addScopeSpans(scope);
              } else {
                out.addResourceSpans(
                    ResourceSpans.newBuilder()
                        .setResource(rs.getResource())
                        .setSchemaUrl(rs.getSchemaUrl())
                        .addScopeSpans(scope));
              }
            });
      }
    }
    Map<String, ExportTraceServiceRequest> result = new LinkedHashMap<>(byTrace.size() * 2);
    byTrace.forEach((id, builder) -> result.put(OtlpValues.hex(id), builder.build()));
    return result;
  }
}
