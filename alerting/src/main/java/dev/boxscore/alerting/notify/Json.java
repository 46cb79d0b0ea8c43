package dev.boxscore.alerting.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;

/** The payload formats' shared JSON plumbing: tree nodes keep the receivers' field order. */
final class Json {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  /** Sorted, so that equal maps give byte-identical payloads (and signatures). */
  static ObjectNode object(Map<String, String> map) {
    ObjectNode node = object();
    new TreeMap<>(map).forEach(node::put);
    return node;
  }

  static byte[] bytes(ObjectNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e); // cannot happen for a tree of strings and numbers
    }
  }
}
