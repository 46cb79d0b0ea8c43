package dev.boxscore.otel.ext.springai;

import java.lang.reflect.Method;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code error.type} of a failed call: the provider's HTTP status when the exception (or a
 * cause) tells it, else the exception class. Spring AI reports it in several ways: the provider
 * SDK's {@code statusCode()} (2.0), Spring's {@code getStatusCode().value()}, or only in the
 * message of its own {@code NonTransientAiException} / {@code TransientAiException} ({@code "500 -
 * {...}"}, 1.1).
 */
final class SpringAiErrors {
  private static final Pattern STATUS_PREFIX =
      Pattern.compile("^\\s*(?:HTTP\\s+)?([1-5][0-9]{2})\\b");

  private SpringAiErrors() {}

  static String type(Throwable error) {
    Throwable cause = error;
    for (int depth = 0; cause != null && depth < 6; depth++, cause = cause.getCause()) {
      Integer status = statusOf(cause);
      if (status != null) {
        return Integer.toString(status);
      }
    }
    cause = error;
    for (int depth = 0; cause != null && depth < 6; depth++, cause = cause.getCause()) {
      if (cause.getClass().getName().startsWith("org.springframework.ai.")
          && cause.getMessage() != null) {
        Matcher matcher = STATUS_PREFIX.matcher(cause.getMessage());
        if (matcher.find()) {
          return matcher.group(1);
        }
      }
    }
    return error.getClass().getName();
  }

  private static Integer statusOf(Throwable error) {
    Object value = call(error, "statusCode");
    if (value == null) {
      value = call(error, "getStatusCode");
      if (value != null && !(value instanceof Number)) {
        value = call(value, "value");
      }
    }
    if (value == null) {
      value = call(error, "getRawStatusCode");
    }
    if (value instanceof Number) {
      int status = ((Number) value).intValue();
      return status >= 100 && status < 600 ? Integer.valueOf(status) : null;
    }
    return null;
  }

  private static Object call(Object target, String name) {
    try {
      Method method = target.getClass().getMethod(name);
      method.setAccessible(true);
      return method.invoke(target);
    } catch (Throwable t) {
      return null;
    }
  }
}
