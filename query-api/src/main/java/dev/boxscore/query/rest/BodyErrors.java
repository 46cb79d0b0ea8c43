package dev.boxscore.query.rest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.stream.Collectors;

/**
 * Says what is wrong with a JSON request body in the API's words: the field (as a path such as
 * {@code scopes[1]}), and what it must be; {@code body} when the whole body is wrong. Never
 * Jackson's own message, which names Java types and classes.
 */
final class BodyErrors {
  private BodyErrors() {}

  static String describe(JsonProcessingException e) {
    if (e instanceof UnrecognizedPropertyException u) {
      String known =
          u.getKnownPropertyIds() == null
              ? ""
              : u.getKnownPropertyIds().stream()
                  .map(String::valueOf)
                  .sorted()
                  .collect(Collectors.joining(", "));
      return path(u) + ": unknown field" + (known.isEmpty() ? "" : "; known fields: " + known);
    }
    if (e instanceof InvalidFormatException f) {
      return path(f) + ": must be " + what(f.getTargetType()) + ", got " + shown(f.getValue());
    }
    if (e instanceof MismatchedInputException m) {
      String field = path(m);
      return field
          + ": must be "
          + ("body".equals(field) ? "a JSON object" : what(m.getTargetType()));
    }
    if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
      return path(m) + ": has an invalid value";
    }
    JsonLocation at = e.getLocation();
    return "body: is not valid JSON"
        + (at == null || at.getLineNr() < 1
            ? ""
            : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")");
  }

  private static String path(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        sb.append(sb.length() == 0 ? "" : ".").append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        sb.append('[').append(ref.getIndex()).append(']');
      }
    }
    return sb.length() == 0 ? "body" : sb.toString();
  }

  private static String what(Class<?> type) {
    if (type == null) {
      return "of another type";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == BigDecimal.class
        || type == Double.class
        || type == double.class
        || type == Float.class) {
      return "a number";
    }
    if (Number.class.isAssignableFrom(type)
        || type == BigInteger.class
        || type == int.class
        || type == long.class) {
      return "a whole number";
    }
    if (type == String.class) {
      return "a string";
    }
    if (type.isArray() || Iterable.class.isAssignableFrom(type)) {
      return "an array";
    }
    return "an object";
  }

  private static String shown(Object value) {
    String text = value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
    return text.length() <= 64 ? text : text.substring(0, 64) + "…";
  }
}
