package dev.boxscore.model.normalize;

import java.util.List;
import java.util.Map;

/**
 * Read access to a span's attributes by key precedence: each getter takes keys from most to least
 * preferred and returns the first readable value. Keys in {@code fallback} (attributes of the
 * opt-in {@code gen_ai.client.inference.operation.details} event) are consulted only after the
 * span's own.
 */
final class AttributeView {

  private final Map<String, Object> attributes;
  private final Map<String, Object> fallback;

  AttributeView(Map<String, Object> attributes, Map<String, Object> fallback) {
    this.attributes = attributes == null ? Map.of() : attributes;
    this.fallback = fallback == null ? Map.of() : fallback;
  }

  Map<String, Object> attributes() {
    return attributes;
  }

  /** Raw value of the first key present, span first then fallback; null if none. */
  Object raw(String key) {
    Object value = attributes.get(key);
    return value != null ? value : fallback.get(key);
  }

  boolean has(String key) {
    return raw(key) != null;
  }

  String text(String... keys) {
    for (String key : keys) {
      String value = AttributeValues.text(raw(key));
      if (value != null) {
        return value;
      }
    }
    return null;
  }

  String label(String... keys) {
    for (String key : keys) {
      String value = AttributeValues.label(raw(key));
      if (value != null) {
        return value;
      }
    }
    return null;
  }

  Long count(String... keys) {
    for (String key : keys) {
      Long value = AttributeValues.count(raw(key));
      if (value != null) {
        return value;
      }
    }
    return null;
  }

  Double nonNegative(String... keys) {
    for (String key : keys) {
      Double value = AttributeValues.nonNegative(raw(key));
      if (value != null) {
        return value;
      }
    }
    return null;
  }

  Boolean bool(String... keys) {
    for (String key : keys) {
      Boolean value = AttributeValues.bool(raw(key));
      if (value != null) {
        return value;
      }
    }
    return null;
  }

  List<String> texts(String key) {
    return AttributeValues.texts(raw(key));
  }
}
