package dev.boxscore.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Conversions from OTLP's value types to plain Java values and to the text stored in attribute
 * columns.
 */
public final class OtlpValues {
  private static final HexFormat HEX = HexFormat.of();

  private static final ObjectMapper JSON = new ObjectMapper();

  private OtlpValues() {}

  private static String toJson(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      // Plain lists, maps, strings and numbers always serialize; keep the value readable if that
      // ever changes.
      return String.valueOf(value);
    }
  }

  /** Lower-case hex of a trace or span id; empty for an empty id. */
  public static String hex(ByteString id) {
    return HEX.formatHex(id.toByteArray());
  }

  /**
   * A Java value for an OTLP {@link AnyValue}: String, Long, Double, Boolean, List or Map; bytes as
   * base64 text; null for an empty value.
   */
  public static Object toJava(AnyValue value) {
    return switch (value.getValueCase()) {
      case STRING_VALUE -> value.getStringValue();
      case BOOL_VALUE -> value.getBoolValue();
      case INT_VALUE -> value.getIntValue();
      case DOUBLE_VALUE -> value.getDoubleValue();
      case BYTES_VALUE -> Base64.getEncoder().encodeToString(value.getBytesValue().toByteArray());
      case ARRAY_VALUE -> {
        List<Object> list = new ArrayList<>(value.getArrayValue().getValuesCount());
        for (AnyValue element : value.getArrayValue().getValuesList()) {
          list.add(toJava(element));
        }
        yield list;
      }
      case KVLIST_VALUE -> toJavaMap(value.getKvlistValue().getValuesList());
      case VALUE_NOT_SET -> null;
    };
  }

  /**
   * Attributes as an ordered map of Java values; a repeated key keeps its last value, as the SDKs
   * do.
   */
  public static Map<String, Object> toJavaMap(List<KeyValue> attributes) {
    Map<String, Object> map = new LinkedHashMap<>(attributes.size() * 2);
    for (KeyValue kv : attributes) {
      map.put(kv.getKey(), toJava(kv.getValue()));
    }
    return map;
  }

  /**
   * The text stored for a value in a String column: strings verbatim, numbers and booleans in their
   * usual form, arrays and maps as JSON.
   */
  public static String toText(AnyValue value) {
    return switch (value.getValueCase()) {
      case STRING_VALUE -> value.getStringValue();
      case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
      case INT_VALUE -> Long.toString(value.getIntValue());
      case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
      case BYTES_VALUE -> Base64.getEncoder().encodeToString(value.getBytesValue().toByteArray());
      case ARRAY_VALUE, KVLIST_VALUE -> toJson(toJava(value));
      case VALUE_NOT_SET -> "";
    };
  }
}
