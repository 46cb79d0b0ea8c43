package dev.boxscore.model.normalize;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A span event as the normalizer needs it. Attribute values follow the same rules as span
 * attributes: String, Long, Double, Boolean, or List of those.
 *
 * @param name event name, e.g. {@code gen_ai.user.message}; may be null
 * @param timeUnixNano event time in nanoseconds since the epoch; 0 if unknown
 * @param attributes event attributes; null is read as empty
 */
public record SpanEvent(String name, long timeUnixNano, Map<String, Object> attributes) {

  public SpanEvent {
    attributes =
        attributes == null
            ? Map.of()
            : Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
  }
}
